package lux.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import lux.signup.FormDefinition;
import lux.signup.FormService;
import lux.signup.SignupForm;

/** Sign-up forms for websites, as the user who spoke: create one, list them. Returns records; failures are exceptions. */
public class FormTools {
    private final FormService forms;
    private final ToolSession session;
    private final String publicBaseUrl;

    /** A form as chat shows it; {@code page} is its public page, where the snippet can be tried. */
    public record FormSummary(long id, String name, List<String> tags, String language, boolean doubleOptIn, String page) {
    }

    FormTools(FormService forms, ToolSession session, String publicBaseUrl) {
        this.forms = forms;
        this.session = session;
        this.publicBaseUrl = publicBaseUrl.replaceFirst("/$", "");
    }

    @Tool("Creates a sign-up form for the company's website. People who sign up get the tags; with double opt-in "
            + "(the default) they become contacts only after confirming by mail. The snippet to embed is in the console.")
    public FormSummary createSignupForm(@P("the form's name, e.g. Newsletter footer") String name,
                                        @P(value = "tags its contacts get, e.g. newsletter; may be empty", required = false) List<String> tags,
                                        @P(value = "language of its pages and confirmation mail: en or de", required = false) String language,
                                        @P(value = "false to add people without a confirmation mail", required = false) Boolean doubleOptIn) {
        session.called("createSignupForm");
        return summary(forms.create(FormDefinition.of(name, tags, language, doubleOptIn), session.actor()));
    }

    @Tool("Lists the sign-up forms with their tags and language.")
    public List<FormSummary> listSignupForms() {
        session.called("listSignupForms");
        return forms.list().stream().map(this::summary).toList();
    }

    private FormSummary summary(SignupForm f) {
        return new FormSummary(f.id(), f.name(), f.tags(), f.language(), f.doubleOptIn(), publicBaseUrl + "/s/" + f.id());
    }
}
