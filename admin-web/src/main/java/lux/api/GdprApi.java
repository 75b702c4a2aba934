package lux.api;

import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.gdpr.ErasureResult;
import lux.gdpr.GdprService;
import lux.shared.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's GDPR requests by address (they need not be a contact any more): everything
 * LUX holds about them (Art. 15), or erasure everywhere (Art. 17). POST for both, so the
 * address never stands in a URL or an access log.
 */
@RestController
@RequestMapping("/api/v1/gdpr")
class GdprApi {

    private final GdprService gdpr;

    GdprApi(GdprService gdpr) {
        this.gdpr = gdpr;
    }

    @PostMapping(value = "/export", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> export(@RequestBody AddressRequest body, @AuthenticationPrincipal ConsoleUser user) {
        return ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .body(gdpr.exportJson(body.required(), user.actor(Channel.API)));
    }

    @PostMapping("/erase")
    ErasureResult erase(@RequestBody AddressRequest body, @AuthenticationPrincipal ConsoleUser user) {
        return gdpr.erase(body.required(), user.actor(Channel.API));
    }

    record AddressRequest(String email) {
        String required() {
            if (email == null || email.isBlank()) {
                throw new InvalidInputException("email",
                        "Give the person's email address as \"email\" in the JSON body.");
            }
            return email;
        }
    }

}
