package lux.signup;

import java.time.Clock;
import lux.config.CoreProperties;
import lux.shared.PublicMessages;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML a website embeds for a form: the fields, a honeypot hidden from people, the
 * signed stamp of when the form was shown and, for a configured site, a one-line script
 * that renews the stamp when the page loads (a snippet pasted once would otherwise carry
 * the same old time for ever).
 */
@Component
public class FormSnippet {

    private final CoreProperties core;

    private final SignupTokens tokens;

    private final PublicMessages messages;

    private final Clock clock;

    FormSnippet(CoreProperties core, SignupTokens tokens, PublicMessages messages, Clock clock) {
        this.core = core;
        this.tokens = tokens;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The form with a stamp of now; {@code withScript} adds the stamp renewal for
     * embedding on another site.
     */
    public String html(SignupForm form, boolean withScript) {
        String action = base() + "/s/" + form.id();
        String id = "lux-signup-" + form.id();
        StringBuilder html = new StringBuilder();
        html.append("<form method=\"post\" action=\"")
            .append(esc(action))
            .append("\" accept-charset=\"UTF-8\" id=\"")
            .append(id)
            .append("\" class=\"lux-signup\" lang=\"")
            .append(form.language())
            .append("\">\n");
        field(html, form, "email", "signup.form.email", "email", "email", 320, true);
        if (form.shows("first_name")) {
            field(html, form, "first_name", "signup.form.firstName", "text", "given-name", 100, false);
        }
        if (form.shows("last_name")) {
            field(html, form, "last_name", "signup.form.lastName", "text", "family-name", 100, false);
        }
        html.append(
                "  <div style=\"position:absolute;left:-10000px\" aria-hidden=\"true\"><input type=\"text\" name=\"website\" ")
            .append("tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>\n")
            .append("  <input type=\"hidden\" name=\"lux_stamp\" value=\"")
            .append(tokens.stamp(form.id(), clock.instant()))
            .append("\">\n")
            .append("  <p class=\"lux-consent\">")
            .append(esc(form.consentText()))
            .append("</p>\n")
            .append("  <button type=\"submit\">")
            .append(esc(messages.text(form.language(), "signup.form.submit")))
            .append("</button>\n")
            .append("</form>\n");
        if (withScript && form.allowedOrigin() != null) {
            html.append("<script>fetch(\"")
                .append(esc(action))
                .append("/stamp\").then(function(r){return r.json()}).then(function(j){")
                .append("document.querySelector(\"#")
                .append(id)
                .append(" [name=lux_stamp]\").value=j.stamp})</script>\n");
        }
        return html.toString();
    }

    private void field(StringBuilder html, SignupForm form, String name, String label, String type, String autocomplete,
            int max, boolean required) {
        html.append("  <label>")
            .append(esc(messages.text(form.language(), label)))
            .append(" <input type=\"")
            .append(type)
            .append("\" name=\"")
            .append(name)
            .append("\" maxlength=\"")
            .append(max)
            .append("\" autocomplete=\"")
            .append(autocomplete)
            .append("\"")
            .append(required ? " required" : "")
            .append("></label>\n");
    }

    private String base() {
        return core.publicBaseUrl().toString().replaceFirst("/$", "");
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
    }

}
