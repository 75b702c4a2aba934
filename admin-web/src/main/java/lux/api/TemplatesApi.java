package lux.api;

import java.net.URI;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.templates.TemplateView;
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

/** Email templates (Jinja syntax) and their preview for a contact. */
@RestController
@RequestMapping("/api/v1/templates")
class TemplatesApi {

    private final TemplateService templates;

    TemplatesApi(TemplateService templates) {
        this.templates = templates;
    }

    @GetMapping
    PageResponse<TemplateView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageResponse.ofList(templates.list(), PageResponse.request(page, size));
    }

    @PostMapping
    ResponseEntity<TemplateView> create(@RequestBody TemplateContent body, @AuthenticationPrincipal ConsoleUser user) {
        TemplateView created = templates.create(body, user.actor(Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    TemplateView get(@PathVariable long id) {
        return templates.get(id);
    }

    @PutMapping("/{id}")
    TemplateView update(@PathVariable long id, @RequestBody TemplateContent body,
            @AuthenticationPrincipal ConsoleUser user) {
        return templates.update(id, body, user.actor(Channel.API));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        templates.delete(id, user.actor(Channel.API));
        return ResponseEntity.noContent().build();
    }

    /**
     * Renders the template for a contact, or for a sample contact without
     * {@code contactId}.
     */
    @GetMapping("/{id}/preview")
    RenderedMessage preview(@PathVariable long id, @RequestParam(required = false) Long contactId) {
        return templates.preview(id, contactId);
    }

}
