package lux.publicweb;

import java.util.Optional;
import lux.tracking.TrackingService;
import lux.tracking.UnsubscribeTarget;
import org.springframework.http.CacheControl;
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
import org.springframework.web.util.HtmlUtils;

/**
 * Unsubscribe: GET shows a confirmation page (a GET must never unsubscribe: scanners follow links); POST with
 * {@code List-Unsubscribe=One-Click} (RFC 8058, sent by mail clients and by the page's button) unsubscribes at
 * once. Repeating it is harmless.
 */
@RestController
class UnsubscribeController {
    static final String ONE_CLICK = "One-Click";
    private final TrackingService tracking;

    UnsubscribeController(TrackingService tracking) {
        this.tracking = tracking;
    }

    @GetMapping(value = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String token) {
        Optional<UnsubscribeTarget> target = tracking.unsubscribeTarget(token);
        if (target.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, "Link not valid", "<p class=\"lead\">This unsubscribe link is not valid. "
                    + "Please use the link from the latest email you received.</p>");
        }
        UnsubscribeTarget t = target.get();
        if (t.alreadyUnsubscribed()) {
            return html(HttpStatus.OK, "Unsubscribed", "<p class=\"lead\">" + esc(masked(t.email())) + " is already unsubscribed. "
                    + "You will not receive further emails.</p>");
        }
        return html(HttpStatus.OK, "Unsubscribe", "<p class=\"lead\">Stop emails to <strong>" + esc(masked(t.email()))
                + "</strong>?</p><p class=\"text-body-secondary\">You received \"" + esc(t.campaignName()) + "\".</p>"
                + "<form method=\"post\" action=\"/u/" + esc(token) + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\""
                + ONE_CLICK + "\"><button type=\"submit\" class=\"btn btn-danger btn-lg\">Unsubscribe</button></form>");
    }

    /** RFC 8058 one-click; also the page's button. The body must say List-Unsubscribe=One-Click. */
    @PostMapping(value = "/u/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token,
                                       @RequestParam(name = "List-Unsubscribe", required = false) String listUnsubscribe,
                                       @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String agent) {
        if (!ONE_CLICK.equals(listUnsubscribe)) {
            return html(HttpStatus.BAD_REQUEST, "Not understood", "<p class=\"lead\">This request did not ask to unsubscribe "
                    + "(the form field List-Unsubscribe=One-Click is missing). Open the link from your email instead.</p>");
        }
        return tracking.unsubscribe(token, agent)
                .map(t -> html(HttpStatus.OK, "Unsubscribed", "<p class=\"lead\">Done: " + esc(masked(t.email()))
                        + " will not receive further emails from us.</p>"))
                .orElseGet(() -> html(HttpStatus.NOT_FOUND, "Link not valid", "<p class=\"lead\">This unsubscribe link is not valid.</p>"));
    }

    /** a***@example.com: whoever holds a forwarded mail should not learn the full address. */
    static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? email : email.charAt(0) + "***" + email.substring(at);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }

    private static ResponseEntity<String> html(HttpStatus status, String title, String body) {
        String page = "<!doctype html><html lang=\"en\" data-bs-theme=\"dark\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + esc(title) + "</title><link rel=\"stylesheet\" href=\"/webjars/bootstrap/5.3.8/css/bootstrap.min.css\">"
                + "</head><body class=\"d-flex align-items-center min-vh-100\"><main class=\"container text-center\" style=\"max-width:32rem\">"
                + "<h1 class=\"h3 mb-4\">" + esc(title) + "</h1>" + body + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(page);
    }
}
