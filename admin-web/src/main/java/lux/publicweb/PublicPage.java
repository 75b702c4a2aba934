package lux.publicweb;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * A small Bootstrap page for readers (sign-up thanks, confirmation); {@code body} must be
 * escaped HTML already.
 */
final class PublicPage {

    private PublicPage() {
    }

    static ResponseEntity<String> html(HttpStatus status, String language, String title, String body) {
        String page = "<!doctype html><html lang=\"" + esc(language)
                + "\" data-bs-theme=\"dark\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + esc(title)
                + "</title><link rel=\"stylesheet\" href=\"/webjars/bootstrap/5.3.8/css/bootstrap.min.css\">"
                + "</head><body class=\"d-flex align-items-center min-vh-100\"><main class=\"container text-center\" style=\"max-width:32rem\">"
                + "<h1 class=\"h3 mb-4\">" + esc(title) + "</h1>" + body + "</main></body></html>";
        return ResponseEntity.status(status)
            .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
            .cacheControl(CacheControl.noStore())
            .body(page);
    }

    static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
    }

}
