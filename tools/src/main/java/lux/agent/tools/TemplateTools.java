package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.stream.Collectors;
import lux.agent.AgentOutput;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.shared.NotFoundException;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.templates.TemplateView;

/** Email templates: list, draft (checked by rendering against a sample contact) and preview. */
public class TemplateTools {
    private final TemplateService templates;
    private final ContactService contacts;
    private final ToolSession session;

    TemplateTools(TemplateService templates, ContactService contacts, ToolSession session) {
        this.templates = templates;
        this.contacts = contacts;
        this.session = session;
    }

    @Tool("Lists the saved email templates with their subjects.")
    public String listTemplates() {
        return ToolResults.attempt(session, "listTemplates", () -> {
            List<TemplateView> all = templates.list();
            session.show(new AgentOutput.Templates(all));
            if (all.isEmpty()) {
                return "There are no templates yet.";
            }
            return all.size() + " templates. " + ToolResults.DATA_TEMPLATES + all.stream().map(t -> "- " + t.name() + " (subject: " + t.subject() + ")")
                    .collect(Collectors.joining("\n"));
        });
    }

    @Tool("""
            Saves a new email template written for a goal, tone and audience. Variables: {{ contact.first_name }},
            {{ contact.last_name }}, {{ contact.full_name }}, {{ contact.company }}, {{ contact.email }}. The template is
            rendered against a sample contact first; if it has a problem the problem is returned so you can fix it and call
            this tool again. Use a name that does not exist yet.""")
    public String draftTemplate(@P("a short unique template name") String name,
                                @P("the subject line") String subject,
                                @P("the HTML body") String htmlBody,
                                @P(value = "a plain-text body; empty = derived from the HTML", required = false) String textBody) {
        return ToolResults.attempt(session, "draftTemplate", () -> {
            TemplateContent content = new TemplateContent(name, subject, htmlBody, textBody);
            RenderedMessage rendered = templates.validate(content);
            TemplateView saved = templates.create(content, session.actor());
            session.show(new AgentOutput.TemplatePreview(saved.id(), saved.name(), rendered));
            return "Saved template \"" + saved.name() + "\". Rendered for the sample contact, the subject reads (below). "
                    + ToolResults.DATA_TEMPLATES + rendered.subject();
        });
    }

    @Tool("Shows a saved template rendered for a contact (or a sample contact).")
    public String previewTemplate(@P("the template name") String templateName,
                                  @P(value = "email of a contact to render it for; empty = a sample contact", required = false) String contactEmail) {
        return ToolResults.attempt(session, "previewTemplate", () -> {
            TemplateView template = byName(templates, templateName);
            Long contactId = null;
            if (contactEmail != null && !contactEmail.isBlank()) {
                ContactView contact = contacts.findByEmail(contactEmail)
                        .orElseThrow(() -> new NotFoundException("Contact", contactEmail));
                contactId = contact.id();
            }
            RenderedMessage rendered = templates.preview(template.id(), contactId);
            session.show(new AgentOutput.TemplatePreview(template.id(), template.name(), rendered));
            return "Preview of \"" + template.name() + "\" is shown; its subject, rendered, is below. " + ToolResults.DATA_TEMPLATES
                    + rendered.subject();
        });
    }

    /** Exact name first (case-insensitive), then a numeric id. */
    static TemplateView byName(TemplateService templates, String name) {
        String wanted = name == null ? "" : name.strip();
        return templates.list().stream().filter(t -> t.name().equalsIgnoreCase(wanted)).findFirst()
                .or(() -> wanted.matches("#?\\d+") ? templates.list().stream()
                        .filter(t -> t.id() == Long.parseLong(wanted.replace("#", ""))).findFirst() : java.util.Optional.empty())
                .orElseThrow(() -> new NotFoundException("Template", "\"" + wanted + "\" (existing: "
                        + templates.list().stream().map(TemplateView::name).limit(10).collect(Collectors.joining(", ")) + ")"));
    }
}
