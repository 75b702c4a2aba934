package lux.publicweb;

import static lux.publicweb.PublicPage.esc;

import lux.preferences.ErasureLink;
import lux.preferences.ErasureRequests;
import lux.shared.PublicMessages;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The erasure link mailed from the preference centre: GET asks (mail scanners open links
 * and must erase nothing), POST from the page's button erases.
 */
@RestController
class ErasureController {

    private final ErasureRequests erasures;

    private final PublicMessages messages;

    ErasureController(ErasureRequests erasures, PublicMessages messages) {
        this.erasures = erasures;
        this.messages = messages;
    }

    @GetMapping(value = "/u/erase/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> ask(@PathVariable String token) {
        ErasureLink link = erasures.link(token);
        if (link.status() != ErasureLink.Status.VALID) {
            return notValid(link);
        }
        String lang = link.language();
        return PublicPage.html(HttpStatus.OK, lang, text(lang, "prefs.erase.confirm.title"),
                "<p class=\"lead\">" + esc(text(lang, "prefs.erase.confirm.lead", PreferencePage.masked(link.email())))
                        + "</p><form method=\"post\" action=\"/u/erase/" + esc(token)
                        + "\"><button type=\"submit\" class=\"btn btn-danger btn-lg\">"
                        + esc(text(lang, "prefs.erase.confirm.button")) + "</button></form>");
    }

    @PostMapping(value = "/u/erase/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> erase(@PathVariable String token) {
        ErasureLink link = erasures.confirm(token);
        if (link.status() != ErasureLink.Status.VALID) {
            return notValid(link);
        }
        String lang = link.language();
        return PublicPage.html(HttpStatus.OK, lang, text(lang, "prefs.erased.title"),
                "<p class=\"lead\">" + esc(text(lang, "prefs.erased.body")) + "</p>");
    }

    private ResponseEntity<String> notValid(ErasureLink link) {
        String lang = link.language();
        String key = link.status() == ErasureLink.Status.EXPIRED ? "prefs.erase.expired" : "prefs.erase.invalid";
        return PublicPage.html(link.status() == ErasureLink.Status.EXPIRED ? HttpStatus.GONE : HttpStatus.NOT_FOUND,
                lang, text(lang, key + ".title"), "<p class=\"lead\">" + esc(text(lang, key + ".body")) + "</p>");
    }

    private String text(String lang, String key, Object... args) {
        return messages.text(lang, key, args);
    }

}
