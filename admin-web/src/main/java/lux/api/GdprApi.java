package lux.api;

import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.gdpr.ErasureResult;
import lux.gdpr.GdprService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GDPR requests about one address, for admins only: export everything held, or erase it everywhere. */
@RestController
class GdprApi {
    private final GdprService gdpr;

    GdprApi(GdprService gdpr) {
        this.gdpr = gdpr;
    }

    @GetMapping(value = "/api/v1/gdpr/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> export(@RequestParam String email, @AuthenticationPrincipal ConsoleUser me) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(gdpr.exportJson(email, me.actor(Channel.API)));
    }

    /** Erases the address everywhere; it stays suppressed under its hash. Safe to repeat. */
    @PostMapping("/api/v1/gdpr/erasures")
    ErasureResult erase(@RequestBody ErasureRequest body, @AuthenticationPrincipal ConsoleUser me) {
        return gdpr.erase(body.email(), me.actor(Channel.API));
    }

    record ErasureRequest(String email) {
    }
}
