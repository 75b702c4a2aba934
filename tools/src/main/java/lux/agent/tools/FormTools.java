package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import lux.signup.FormDefinition;
import lux.signup.FormService;
import lux.signup.SignupForm;

/** Sign-up forms for websites, as the user who spoke: create one, list them. */
public class FormTools {

    private final FormService forms;

    private final ToolSession session;

    private final String publicBaseUrl;

    FormTools(FormService forms, ToolSession session, String publicBaseUrl) {
        this.forms = forms;
        this.session = session;
        this.publicBaseUrl = publicBaseUrl.replaceFirst("/$", "");
    }

    @Tool("Creates a sign-up form for the company's website. People who sign up get the tags; with double opt-in "
            + "(the default) they become contacts only after confirming by mail. The snippet to embed is in the console.")
    public ToolResult createSignupForm(@P("the form's name, e.g. Newsletter footer") String name,
            @P(value = "tags its contacts get, e.g. newsletter; may be empty", required = false) List<String> tags,
            @P(value = "language of its pages and confirmation mail: en or de", required = false) String language,
            @P(value = "false to add people without a confirmation mail", required = false) Boolean doubleOptIn) {
        return ToolResults.attempt(session, "createSignupForm", () -> new ToolResult.FormCreated(
                summary(forms.create(FormDefinition.of(name, tags, language, doubleOptIn), session.actor()))));
    }

    @Tool("Lists the sign-up forms with their tags and language.")
    public ToolResult listSignupForms() {
        return ToolResults.attempt(session, "listSignupForms",
                () -> new ToolResult.FormsListed(forms.list().stream().map(this::summary).toList()));
    }

    private ToolResult.FormSummary summary(SignupForm f) {
        return new ToolResult.FormSummary(f.id(), f.name(), f.tags(), f.language(), f.doubleOptIn(),
                publicBaseUrl + "/s/" + f.id());
    }

}
