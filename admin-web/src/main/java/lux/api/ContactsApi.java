package lux.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactChanges;
import lux.contacts.ContactQuery;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.admin.ContactTimelineView;
import lux.contacts.ContactHistory;
import lux.stats.StatsService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts: search, create, change, delete, tag. */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactsApi {

    private final ContactService contacts;

    private final ContactHistory history;

    private final StatsService stats;

    /** What LUX did and saw for this contact, newest first, with its engagement score. */
    @GetMapping("/{id}/timeline")
    ContactTimelineView timeline(@PathVariable long id) {
        return ContactTimelineView.of(history.of(id, ContactHistory.MAX_ENTRIES_CONSOLE), stats.contact(id));
    }

    ContactsApi(ContactService contacts, ContactHistory history, StatsService stats) {
        this.history = history;
        this.stats = stats;
        this.contacts = contacts;
    }

    /** {@code tag} may repeat: contacts with any of them. */
    @GetMapping
    PageResponse<ContactView> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) List<String> tag, @RequestParam(required = false) ContactStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        AudienceFilter tags = new AudienceFilter(tag == null ? Set.of() : Set.copyOf(tag), Set.of(), Set.of());
        return PageResponse.of(contacts.search(new ContactQuery(q, tags, status), PageResponse.request(page, size)),
                c -> c);
    }

    @PostMapping
    ResponseEntity<ContactView> create(@RequestBody NewContactRequest body, @AuthenticationPrincipal ConsoleUser user) {
        ContactView created = contacts.create(new NewContact(body.email(), body.firstName(), body.lastName(),
                body.company(), body.attributes(), body.tags(), body.consentSource()), user.actor(Channel.API));
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    ContactView get(@PathVariable long id) {
        return contacts.get(id);
    }

    @PatchMapping("/{id}")
    ContactView update(@PathVariable long id, @RequestBody ContactChangesRequest body,
            @AuthenticationPrincipal ConsoleUser user) {
        return contacts.update(id,
                new ContactChanges(body.firstName(), body.lastName(), body.company(), body.attributes()), body.status(),
                body.reason(), user.actor(Channel.API));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser user) {
        contacts.delete(id, user.actor(Channel.API));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/tags")
    ContactView tag(@PathVariable long id, @RequestBody TagsRequest body, @AuthenticationPrincipal ConsoleUser user) {
        contacts.tag(List.of(id), body.tags(), user.actor(Channel.API));
        return contacts.get(id);
    }

    @DeleteMapping("/{id}/tags/{tag}")
    ContactView untag(@PathVariable long id, @PathVariable String tag, @AuthenticationPrincipal ConsoleUser user) {
        contacts.untag(List.of(id), List.of(tag), user.actor(Channel.API));
        return contacts.get(id);
    }

    record NewContactRequest(String email, String firstName, String lastName, String company,
            Map<String, String> attributes, Set<String> tags, String consentSource) {
    }

    /**
     * Null fields stay as they are; an attribute set to null is removed. Taking a contact
     * off UNSUBSCRIBED, BOUNCED or COMPLAINED is for admins and needs {@code reason}
     * (kept in the audit log).
     */
    record ContactChangesRequest(String firstName, String lastName, String company, Map<String, String> attributes,
            ContactStatus status, String reason) {
    }

    record TagsRequest(List<String> tags) {
    }

}
