package lux.api;

import java.util.List;
import lux.admin.ConsoleUser;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.TagCount;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tags with their contact counts, and tagging many contacts at once. */
@RestController
@RequestMapping("/api/v1/tags")
class TagsApi {

    private final ContactService contacts;

    TagsApi(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping
    PageResponse<TagCount> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return PageResponse.ofList(contacts.tags(), PageResponse.request(page, size));
    }

    /** Adds the tag (created when new) to the contacts. */
    @PostMapping("/{tag}/contacts")
    Changed add(@PathVariable String tag, @RequestBody ContactIds body, @AuthenticationPrincipal ConsoleUser user) {
        return new Changed(contacts.tag(body.contactIds(), List.of(tag), user.actor(Channel.API)));
    }

    @PostMapping("/{tag}/contacts/remove")
    Changed remove(@PathVariable String tag, @RequestBody ContactIds body, @AuthenticationPrincipal ConsoleUser user) {
        return new Changed(contacts.untag(body.contactIds(), List.of(tag), user.actor(Channel.API)));
    }

    record ContactIds(List<Long> contactIds) {
    }

    record Changed(int changed) {
    }

}
