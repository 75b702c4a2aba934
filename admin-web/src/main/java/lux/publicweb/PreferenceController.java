package lux.publicweb;

import static lux.publicweb.PublicPage.esc;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import lux.preferences.ErasureRequests;
import lux.preferences.PreferenceCentre;
import lux.preferences.PreferenceProperties;
import lux.preferences.Reader;
import lux.shared.PublicMessages;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The preference centre's changes, each a POST to the reader's signed link: topics,
 * pause, their data, erasure. A link that does not verify changes nothing and reads as
 * "not valid".
 */
@RestController
class PreferenceController {

    static final int MAX_TOPICS = 1000;

    private final PreferenceCentre preferences;

    private final ErasureRequests erasures;

    private final PreferencePage page;

    private final PublicMessages messages;

    private final PreferenceProperties properties;

    PreferenceController(PreferenceCentre preferences, ErasureRequests erasures, PreferencePage page,
            PublicMessages messages, PreferenceProperties properties) {
        this.preferences = preferences;
        this.erasures = erasures;
        this.page = page;
        this.messages = messages;
        this.properties = properties;
    }

    @PostMapping(value = "/u/{token}/topics", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> topics(@PathVariable String token,
            @RequestParam(name = "topic", required = false) List<String> topic, HttpServletRequest request) {
        List<String> chosen = topic == null ? List.of() : topic;
        Set<Long> on = new HashSet<>();
        for (String id : chosen) {
            if (chosen.size() > MAX_TOPICS || !id.matches("\\d{1,18}")) {
                return refused("prefs.refused.topics");
            }
            on.add(Long.parseLong(id));
        }
        return changed(token, preferences.chooseTopics(token, on, request.getRemoteAddr()),
                r -> text(r, "prefs.topics.saved"));
    }

    @PostMapping(value = "/u/{token}/pause", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> pause(@PathVariable String token, @RequestParam(name = "days", required = false) String days,
            HttpServletRequest request) {
        if (days == null || !days.matches("\\d{1,3}")
                || !PreferenceCentre.PAUSE_DAYS.contains(Integer.parseInt(days))) {
            return refused("prefs.refused.pause");
        }
        return changed(token, preferences.pause(token, Integer.parseInt(days), request.getRemoteAddr()),
                r -> r.pausedUntil() == null ? text(r, "prefs.pause.resumed")
                        : text(r, "prefs.pause.until", PreferencePage.day(r.pausedUntil())));
    }

    /**
     * The reader's data as a JSON download; POST, so no prefetcher or history keeps it.
     */
    @PostMapping("/u/{token}/data")
    ResponseEntity<String> data(@PathVariable String token) {
        Optional<String> json = preferences.exportData(token);
        if (json.isEmpty()) {
            return invalid();
        }
        return ResponseEntity.ok()
            .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename("my-data.json").build().toString())
            .cacheControl(CacheControl.noStore())
            .body(json.get());
    }

    @PostMapping(value = "/u/{token}/erase", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> erase(@PathVariable String token, HttpServletRequest request) {
        Optional<ErasureRequests.Requested> requested = erasures.request(token, request.getRemoteAddr());
        Optional<Reader> reader = preferences.reader(token);
        if (requested.isEmpty() || reader.isEmpty()) {
            return invalid();
        }
        String lang = reader.get().language();
        String body = requested.get() == ErasureRequests.Requested.NOT_SENT ? text(lang, "prefs.erase.notSent")
                : text(lang, "prefs.erase.mailed", Math.max(1, properties.erasureLinkValidity().toHours()));
        return PublicPage.html(HttpStatus.OK, lang, text(lang, "prefs.erase.mailed.title"),
                "<p class=\"lead\">" + esc(body) + "</p>");
    }

    private ResponseEntity<String> changed(String token, Optional<Reader> reader, Function<Reader, String> notice) {
        if (reader.isEmpty()) {
            return invalid();
        }
        Reader r = reader.get();
        return page.render(token, r, r.subscribed() ? notice.apply(r) : text(r, "prefs.inactive"));
    }

    private ResponseEntity<String> invalid() {
        return PublicPage.html(HttpStatus.NOT_FOUND, "en", text("en", "prefs.invalid.title"),
                "<p class=\"lead\">" + esc(text("en", "prefs.invalid.body")) + "</p>");
    }

    private ResponseEntity<String> refused(String key) {
        return PublicPage.html(HttpStatus.BAD_REQUEST, "en", text("en", "prefs.notUnderstood.title"),
                "<p class=\"lead\">" + esc(text("en", key)) + "</p>");
    }

    private String text(Reader reader, String key, Object... args) {
        return text(reader.language(), key, args);
    }

    private String text(String lang, String key, Object... args) {
        return messages.text(lang, key, args);
    }

}
