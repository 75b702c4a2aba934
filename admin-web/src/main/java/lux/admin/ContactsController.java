package lux.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Channel;
import lux.consent.ConsentLedger;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactBulkService;
import lux.contacts.ContactFilter;
import lux.contacts.ContactQuery;
import lux.contacts.ContactHistory;
import lux.contacts.ContactService;
import lux.stats.StatsService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.gdpr.ErasureResult;
import lux.gdpr.GdprService;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Contact search with tags, one contact's page, adding and tagging contacts. */
@Controller
@RequestMapping("/admin/contacts")
class ContactsController {

    private final ContactService contacts;

    private final ContactBulkService bulk;

    private final GdprService gdpr;

    private final ConsentLedger ledger;

    private final ContactHistory history;

    private final StatsService stats;

    ContactsController(ContactService contacts, ContactBulkService bulk, GdprService gdpr, ConsentLedger ledger,
            ContactHistory history, StatsService stats) {
        this.history = history;
        this.stats = stats;
        this.contacts = contacts;
        this.ledger = ledger;
        this.bulk = bulk;
        this.gdpr = gdpr;
    }

    /** Every contact matching the tag and status (all columns, CSV), streamed. */
    @GetMapping("/export.csv")
    void export(@RequestParam(required = false) String tag, @RequestParam(required = false) ContactStatus status,
            @AuthenticationPrincipal ConsoleUser me, HttpServletResponse response) throws IOException {
        ContactFilter filter = new ContactFilter(tag == null || tag.isBlank() ? null : AudienceFilter.anyOf(tag),
                status, null, null);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
        bulk.export(filter, response.getWriter(), me.actor(Channel.CONSOLE));
    }

    /**
     * Everything LUX holds about the contact's address (GDPR access request), as JSON.
     */
    @GetMapping("/{id}/gdpr-export")
    ResponseEntity<String> gdprExport(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me) {
        ContactView contact = contacts.get(id);
        return ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .header("Content-Disposition", "attachment; filename=\"personal-data-" + id + ".json\"")
            .body(gdpr.exportJson(contact.email(), me.actor(Channel.CONSOLE)));
    }

    /**
     * Erases the address everywhere (GDPR erasure) once the user has typed it again to
     * confirm.
     */
    @PostMapping("/{id}/erase")
    String erase(@PathVariable long id, @RequestParam(defaultValue = "") String confirm,
            @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        ContactView contact = contacts.get(id);
        if (!contact.email().equalsIgnoreCase(confirm.trim())) {
            flash.addFlashAttribute("error",
                    "Type the contact's address exactly to confirm the erasure; nothing was erased.");
            return "redirect:/admin/contacts/" + id;
        }
        return Flash.run(flash, "/admin/contacts", () -> {
            ErasureResult result = gdpr.erase(contact.email(), me.actor(Channel.CONSOLE));
            return "Erased the address everywhere; it stays suppressed under hash " + result.hashPrefix() + "… ("
                    + result.recipientsAnonymised() + " campaign recipients anonymised).";
        });
    }

    @GetMapping
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String tag,
            @RequestParam(required = false) ContactStatus status, @RequestParam(defaultValue = "0") int page,
            Model model, RedirectAttributes flash) {
        AudienceFilter filter = tag == null || tag.isBlank() ? AudienceFilter.everyone() : AudienceFilter.anyOf(tag);
        model.addAttribute("tags", contacts.tags());
        model.addAttribute("q", q);
        model.addAttribute("tag", tag);
        model.addAttribute("status", status);
        model.addAttribute("statuses", ContactStatus.values());
        try {
            model.addAttribute("contacts",
                    contacts.search(new ContactQuery(q, filter, status), PageRequest.of(Math.max(0, page), 50)));
        }
        catch (lux.shared.InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("contacts", org.springframework.data.domain.Page.empty());
        }
        return "admin/contacts";
    }

    @PostMapping
    String create(@RequestParam String email, @RequestParam(required = false) String firstName,
            @RequestParam(required = false) String lastName, @RequestParam(required = false) String company,
            @RequestParam(required = false) String tags, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts", () -> {
            ContactView c = contacts.create(
                    new NewContact(email, firstName, lastName, company, Map.of(), Set.copyOf(split(tags)), null),
                    me.actor(Channel.CONSOLE));
            return "Added " + c.email() + ".";
        });
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        ContactView contact = contacts.get(id);
        model.addAttribute("contact", contact);
        model.addAttribute("timeline",
                ContactTimelineView.of(history.of(id, ContactHistory.MAX_ENTRIES_CONSOLE), stats.contact(id)));
        model.addAttribute("statuses", ContactStatus.values());
        model.addAttribute("consent", ledger.history(contact.email()));
        return "admin/contact";
    }

    @PostMapping("/{id}/tags")
    String tag(@PathVariable long id, @RequestParam String tags, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts/" + id, () -> {
            contacts.tag(List.of(id), split(tags), me.actor(Channel.CONSOLE));
            return "Tagged.";
        });
    }

    @PostMapping("/{id}/tags/remove")
    String untag(@PathVariable long id, @RequestParam String tag, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts/" + id, () -> {
            contacts.untag(List.of(id), List.of(tag), me.actor(Channel.CONSOLE));
            return "Removed the tag " + tag + ".";
        });
    }

    @PostMapping("/{id}/status")
    String status(@PathVariable long id, @RequestParam ContactStatus status,
            @RequestParam(required = false) String reason, @AuthenticationPrincipal ConsoleUser me,
            RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts/" + id, () -> "Status is now "
                + contacts.changeStatus(id, status, reason, me.actor(Channel.CONSOLE)).status() + ".");
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts", () -> {
            contacts.delete(id, me.actor(Channel.CONSOLE));
            return "Deleted contact " + id + ".";
        });
    }

    static List<String> split(String tags) {
        return tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

}
