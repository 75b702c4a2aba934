package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import lux.agent.AgentOutput;
import lux.templates.TemplateEdits;
import lux.templates.TemplateService;
import lux.templates.TemplateView;

/**
 * A saved template changed one part at a time; the preview card shows it as it is now.
 */
public class TemplateEditTools {

    private final TemplateService templates;

    private final TemplateEdits edits;

    private final ToolSession session;

    TemplateEditTools(TemplateService templates, TemplateEdits edits, ToolSession session) {
        this.templates = templates;
        this.edits = edits;
        this.session = session;
    }

    @Tool("Sets a saved template's subject line (it may use {{ contact.first_name }} and the other variables).")
    public ToolResult setTemplateSubject(@P("the template name") String templateName,
            @P("the new subject") String subject) {
        return ToolResults.attempt(session, "setTemplateSubject",
                () -> shown(edits.setSubject(templates.byName(templateName).id(), subject, session.actor()), "", ""));
    }

    @Tool("""
            Replaces a piece of text in a saved template (subject, HTML and plain-text body), everywhere it occurs, e.g. the
            button text 'Sign up' with 'Register'. Give the text exactly as it stands; preview the template to see it.""")
    public ToolResult replaceTemplateText(@P("the template name") String templateName,
            @P("the exact text to replace") String find, @P("the new text") String replaceWith) {
        return ToolResults.attempt(session, "replaceTemplateText",
                () -> shown(edits.replaceText(templates.byName(templateName).id(), find, replaceWith, session.actor()),
                        find, replaceWith == null ? "" : replaceWith));
    }

    private ToolResult shown(TemplateEdits.Edit edit, String find, String with) {
        TemplateView after = edit.after();
        session.show(new AgentOutput.TemplatePreview(after.id(), after.name(), templates.preview(after.id(), null)));
        return new EditResults.TemplateEdited(ToolResult.DATA_TEMPLATES, after.name(), find, with, edit.places(),
                edit.before().subject(), after.subject());
    }

}
