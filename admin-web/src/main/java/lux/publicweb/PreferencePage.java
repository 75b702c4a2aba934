package lux.publicweb;

import static lux.publicweb.PublicPage.esc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import lux.preferences.Reader;
import lux.shared.PublicMessages;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The preference centre page: topics, pause, leave, data. Every change is a POST to a
 * path carrying the signed token (the public routes have no CSRF token: a forger would
 * need the reader's token). Everything shown is escaped.
 */
@Component
class PreferencePage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final PublicMessages messages;

    PreferencePage(PublicMessages messages) {
        this.messages = messages;
    }

    ResponseEntity<String> render(String token, Reader reader, String notice) {
        String lang = reader.language();
        String base = "/u/" + esc(token);
        StringBuilder body = new StringBuilder("<p class=\"lead\">")
            .append(esc(text(lang, "prefs.lead", masked(reader.email()), reader.campaign())))
            .append("</p>");
        if (notice != null) {
            body.append("<div class=\"alert alert-success\" role=\"status\">").append(esc(notice)).append("</div>");
        }
        if (reader.subscribed()) {
            topics(body, lang, base, reader);
            pause(body, lang, base, reader);
            section(body, text(lang, "prefs.leave.title"), text(lang, "prefs.leave.lead"));
            body.append("<form method=\"post\" action=\"")
                .append(base)
                .append("\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"")
                .append(UnsubscribeController.ONE_CLICK)
                .append("\"><button type=\"submit\" class=\"btn btn-danger\">")
                .append(esc(text(lang, "prefs.leave.button")))
                .append("</button></form>");
        }
        else {
            body.append("<p>")
                .append(esc(text(lang, "prefs.unsubscribed.already", masked(reader.email()))))
                .append("</p>");
        }
        section(body, text(lang, "prefs.data.title"), text(lang, "prefs.data.lead"));
        body.append("<form method=\"post\" action=\"")
            .append(base)
            .append("/data\" class=\"d-inline\"><button type=\"submit\" ")
            .append("class=\"btn btn-outline-secondary m-1\">")
            .append(esc(text(lang, "prefs.data.download")))
            .append("</button></form>")
            .append("<form method=\"post\" action=\"")
            .append(base)
            .append("/erase\" class=\"d-inline\"><button type=\"submit\" ")
            .append("class=\"btn btn-outline-danger m-1\">")
            .append(esc(text(lang, "prefs.erase.button")))
            .append("</button></form>");
        return PublicPage.html(HttpStatus.OK, lang, text(lang, "prefs.title"), body.toString());
    }

    private void topics(StringBuilder body, String lang, String base, Reader reader) {
        if (reader.topics().isEmpty()) {
            return;
        }
        section(body, text(lang, "prefs.topics.title"), text(lang, "prefs.topics.lead"));
        body.append("<form method=\"post\" action=\"").append(base).append("/topics\" class=\"text-start\">");
        for (Reader.TopicChoice choice : reader.topics()) {
            String id = "topic-" + choice.topic().tagId();
            body.append(
                    "<div class=\"form-check mb-2\"><input class=\"form-check-input\" type=\"checkbox\" name=\"topic\" id=\"")
                .append(id)
                .append("\" value=\"")
                .append(choice.topic().tagId())
                .append("\"")
                .append(choice.on() ? " checked" : "")
                .append("><label class=\"form-check-label\" for=\"")
                .append(id)
                .append("\">")
                .append(esc(choice.topic().label()))
                .append("</label>");
            if (choice.topic().description() != null) {
                body.append("<div class=\"form-text\">").append(esc(choice.topic().description())).append("</div>");
            }
            body.append("</div>");
        }
        body.append("<button type=\"submit\" class=\"btn btn-primary\">")
            .append(esc(text(lang, "prefs.topics.save")))
            .append("</button></form>");
    }

    private void pause(StringBuilder body, String lang, String base, Reader reader) {
        section(body, text(lang, "prefs.pause.title"), text(lang, "prefs.pause.lead"));
        body.append("<form method=\"post\" action=\"").append(base).append("/pause\">");
        if (reader.pausedUntil() != null) {
            body.append("<p>")
                .append(esc(text(lang, "prefs.pause.until", day(reader.pausedUntil()))))
                .append("</p>")
                .append(button("0", text(lang, "prefs.pause.resume")));
        }
        else {
            body.append(button("30", text(lang, "prefs.pause.30"))).append(button("90", text(lang, "prefs.pause.90")));
        }
        body.append("</form>");
    }

    static String day(java.time.Instant at) {
        return DAY.format(at);
    }

    private static String button(String days, String label) {
        return "<button type=\"submit\" name=\"days\" value=\"" + days + "\" class=\"btn btn-outline-primary m-1\">"
                + esc(label) + "</button>";
    }

    private static void section(StringBuilder body, String title, String lead) {
        body.append("<h2 class=\"h5 mt-5\">")
            .append(esc(title))
            .append("</h2><p class=\"text-body-secondary\">")
            .append(esc(lead))
            .append("</p>");
    }

    String text(String language, String key, Object... args) {
        return messages.text(language, key, args);
    }

    /**
     * a***@example.com: whoever holds a forwarded mail should not learn the full address.
     */
    static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? email : email.charAt(0) + "***" + email.substring(at);
    }

}
