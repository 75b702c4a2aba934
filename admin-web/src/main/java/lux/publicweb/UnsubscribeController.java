package lux.publicweb;

import static lux.publicweb.PublicPage.esc;

import java.util.Optional;
import lux.preferences.PreferenceCentre;
import lux.preferences.Reader;
import lux.shared.PublicMessages;
import lux.tracking.TrackingService;
import lux.tracking.UnsubscribeTarget;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The link in every mail. GET shows the preference centre (a GET never changes anything:
 * scanners follow links); POST with {@code List-Unsubscribe=One-Click} (RFC 8058, sent by
 * mail clients and by the page's "leave" button) unsubscribes at once. Repeating it is
 * harmless.
 */
@RestController
class UnsubscribeController {

    static final String ONE_CLICK = "One-Click";

    /**
     * Erasure leaves campaign history with "erased-N@invalid" in place of the address.
     */
    static final String ERASED_PLACEHOLDER = "@invalid";

    private final TrackingService tracking;

    private final PreferenceCentre preferences;

    private final PreferencePage page;

    private final PublicMessages messages;

    UnsubscribeController(TrackingService tracking, PreferenceCentre preferences, PreferencePage page,
            PublicMessages messages) {
        this.tracking = tracking;
        this.preferences = preferences;
        this.page = page;
        this.messages = messages;
    }

    @GetMapping(value = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String token) {
        Optional<Reader> reader = preferences.reader(token);
        if (reader.isPresent()) {
            return page.render(token, reader.get(), null);
        }
        // a genuine link whose contact was deleted: the address can still leave
        Optional<UnsubscribeTarget> target = tracking.unsubscribeTarget(token);
        if (target.isEmpty() || target.get().email().endsWith(ERASED_PLACEHOLDER)) { // erased:
                                                                                     // nothing
                                                                                     // left
                                                                                     // to
                                                                                     // choose
            return invalid("en");
        }
        UnsubscribeTarget t = target.get();
        String masked = PreferencePage.masked(t.email());
        if (t.alreadyUnsubscribed()) {
            return PublicPage.html(HttpStatus.OK, "en", text("en", "prefs.unsubscribed.title"),
                    "<p class=\"lead\">" + esc(text("en", "prefs.unsubscribed.already", masked)) + "</p>");
        }
        return PublicPage.html(HttpStatus.OK, "en", text("en", "prefs.leave.title"),
                "<p class=\"lead\">" + esc(text("en", "prefs.lead", masked, t.campaignName()))
                        + "</p><form method=\"post\" action=\"/u/" + esc(token)
                        + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"" + ONE_CLICK
                        + "\"><button type=\"submit\" " + "class=\"btn btn-danger btn-lg\">"
                        + esc(text("en", "prefs.leave.button")) + "</button></form>");
    }

    /**
     * RFC 8058 one-click; also the page's button. The body must say
     * List-Unsubscribe=One-Click.
     */
    @PostMapping(value = "/u/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token,
            @RequestParam(name = "List-Unsubscribe", required = false) String listUnsubscribe,
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String agent) {
        if (!ONE_CLICK.equals(listUnsubscribe)) {
            return PublicPage.html(HttpStatus.BAD_REQUEST, "en", text("en", "prefs.notUnderstood.title"),
                    "<p class=\"lead\">" + esc(text("en", "prefs.notUnderstood.body")) + "</p>");
        }
        Optional<UnsubscribeTarget> done = tracking.unsubscribe(token, agent);
        if (done.isEmpty()) {
            return invalid("en");
        }
        String lang = preferences.reader(token).map(Reader::language).orElse("en");
        return PublicPage.html(HttpStatus.OK, lang, text(lang, "prefs.unsubscribed.title"), "<p class=\"lead\">"
                + esc(text(lang, "prefs.unsubscribed.done", PreferencePage.masked(done.get().email()))) + "</p>");
    }

    private ResponseEntity<String> invalid(String lang) {
        return PublicPage.html(HttpStatus.NOT_FOUND, lang, text(lang, "prefs.invalid.title"),
                "<p class=\"lead\">" + esc(text(lang, "prefs.invalid.body")) + "</p>");
    }

    private String text(String lang, String key, Object... args) {
        return messages.text(lang, key, args);
    }

}
