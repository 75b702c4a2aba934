package lux.api;

import java.net.URI;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.signup.FormDefinition;
import lux.signup.FormService;
import lux.signup.FormSnippet;
import lux.signup.SignupForm;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up forms for websites, and the HTML snippet to embed one. */
@RestController
@RequestMapping("/api/v1/forms")
class FormsApi {

    private final FormService forms;

    private final FormSnippet snippets;

    FormsApi(FormService forms, FormSnippet snippets) {
        this.forms = forms;
        this.snippets = snippets;
    }

    @GetMapping
    PageResponse<SignupForm> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageResponse.ofList(forms.list(), PageResponse.request(page, size));
    }

    /**
     * {"name", "tags", "language", "doubleOptIn"} and optionally fields, consentText,
     * allowedOrigin, confirmSubject, confirmBody.
     */
    @PostMapping
    ResponseEntity<SignupForm> create(@RequestBody FormDefinition body, @AuthenticationPrincipal ConsoleUser user) {
        SignupForm created = forms.create(body, user.actor(Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/forms/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    SignupForm get(@PathVariable long id) {
        return forms.get(id);
    }

    @PutMapping("/{id}")
    SignupForm update(@PathVariable long id, @RequestBody FormDefinition body,
            @AuthenticationPrincipal ConsoleUser user) {
        return forms.update(id, body, user.actor(Channel.API));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        forms.delete(id, user.actor(Channel.API));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/{id}/snippet", produces = MediaType.TEXT_HTML_VALUE)
    String snippet(@PathVariable long id) {
        return snippets.html(forms.get(id), true);
    }

}
