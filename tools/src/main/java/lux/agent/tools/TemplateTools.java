package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import lux.agent.AgentOutput;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.shared.NotFoundException;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.templates.TemplateView;

/**
 * Email templates: list, draft (checked by rendering against a sample contact) and
 * preview.
 */
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
    public ToolResult listTemplates() {
        return ToolResults.attempt(session, "listTemplates", () -> {
            List<TemplateView> all = templates.list();
            session.show(new AgentOutput.Templates(all));
            return new ToolResult.TemplatesListed(ToolResult.DATA_TEMPLATES,
                    all.stream().map(t -> new ToolResult.TemplateLine(t.name(), t.subject())).toList());
        });
    }

    @Tool("""
            Saves a new email template written for a goal, tone and audience. Variables: {{ contact.first_name }},
            {{ contact.last_name }}, {{ contact.full_name }}, {{ contact.company }}, {{ contact.email }}. The template is
            rendered against a sample contact first; if it has a problem the problem is returned so you can fix it and call
            this tool again. Use a name that does not exist yet.""")
    public ToolResult draftTemplate(@P("a short unique template name") String name,
            @P("the subject line") String subject, @P("the HTML body") String htmlBody,
            @P(value = "a plain-text body; empty = derived from the HTML", required = false) String textBody) {
        return ToolResults.attempt(session, "draftTemplate", () -> {
            TemplateContent content = new TemplateContent(name, subject, htmlBody, textBody);
            RenderedMessage rendered = templates.validate(content);
            TemplateView saved = templates.create(content, session.actor());
            session.show(new AgentOutput.TemplatePreview(saved.id(), saved.name(), rendered));
            return new ToolResult.TemplateRendered(ToolResult.DATA_TEMPLATES, saved.name(), true, rendered.subject());
        });
    }

    @Tool("Shows a saved template rendered for a contact (or a sample contact).")
    public ToolResult previewTemplate(@P("the template name") String templateName,
            @P(value = "email of a contact to render it for; empty = a sample contact",
                    required = false) String contactEmail) {
        return ToolResults.attempt(session, "previewTemplate", () -> {
            TemplateView template = templates.byName(templateName);
            Long contactId = null;
            if (contactEmail != null && !contactEmail.isBlank()) {
                ContactView contact = contacts.findByEmail(contactEmail)
                    .orElseThrow(() -> new NotFoundException("Contact", contactEmail));
                contactId = contact.id();
            }
            RenderedMessage rendered = templates.preview(template.id(), contactId);
            session.show(new AgentOutput.TemplatePreview(template.id(), template.name(), rendered));
            return new ToolResult.TemplateRendered(ToolResult.DATA_TEMPLATES, template.name(), false,
                    rendered.subject());
        });
    }

}
