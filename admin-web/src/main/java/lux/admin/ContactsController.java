package lux.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Channel;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactQuery;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import org.springframework.data.domain.PageRequest;
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

    ContactsController(ContactService contacts) {
        this.contacts = contacts;
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
            model.addAttribute("contacts", contacts.search(new ContactQuery(q, filter, status), PageRequest.of(Math.max(0, page), 50)));
        } catch (lux.shared.InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("contacts", org.springframework.data.domain.Page.empty());
        }
        return "admin/contacts";
    }

    @PostMapping
    String create(@RequestParam String email, @RequestParam(required = false) String firstName,
                  @RequestParam(required = false) String lastName, @RequestParam(required = false) String company,
                  @RequestParam(required = false) String tags, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts", () -> {
            ContactView c = contacts.create(new NewContact(email, firstName, lastName, company, Map.of(), Set.copyOf(split(tags)),
                    null), me.actor(Channel.CONSOLE));
            return "Added " + c.email() + ".";
        });
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        model.addAttribute("contact", contacts.get(id));
        model.addAttribute("statuses", ContactStatus.values());
        return "admin/contact";
    }

    @PostMapping("/{id}/tags")
    String tag(@PathVariable long id, @RequestParam String tags, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts/" + id, () -> {
            contacts.tag(List.of(id), split(tags), me.actor(Channel.CONSOLE));
            return "Tagged.";
        });
    }

    @PostMapping("/{id}/tags/remove")
    String untag(@PathVariable long id, @RequestParam String tag, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts/" + id, () -> {
            contacts.untag(List.of(id), List.of(tag), me.actor(Channel.CONSOLE));
            return "Removed the tag " + tag + ".";
        });
    }

    @PostMapping("/{id}/status")
    String status(@PathVariable long id, @RequestParam ContactStatus status, @AuthenticationPrincipal ConsoleUser me,
                  RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts/" + id, () -> "Status is now "
                + contacts.changeStatus(id, status, me.actor(Channel.CONSOLE)).status() + ".");
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, @AuthenticationPrincipal ConsoleUser me, RedirectAttributes flash) {
        return Flash.run(flash, "/admin/contacts", () -> {
            contacts.delete(id, me.actor(Channel.CONSOLE));
            return "Deleted contact " + id + ".";
        });
    }

    static List<String> split(String tags) {
        return tags == null ? List.of() : Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}
