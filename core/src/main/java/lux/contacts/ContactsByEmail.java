package lux.contacts;

import lux.shared.EmailAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lux.audit.Actor;
import lux.shared.InvalidInputException;
import lux.shared.LuxException;
import org.springframework.stereotype.Service;

/**
 * Contacts named by their addresses, as people type them in chat: add (or tag the known
 * ones), and tag. Each address is its own step, so one refused address (a typo, a
 * suppressed one) costs only itself.
 */
@Service
public class ContactsByEmail {

    private final ContactService contacts;

    ContactsByEmail(ContactService contacts) {
        this.contacts = contacts;
    }

    /** Adds the new addresses with {@code tags}; known contacts get the tags added. */
    public AddedContacts addOrTag(Collection<String> emails, Collection<String> tags, Actor actor) {
        if (emails == null || emails.isEmpty()) {
            throw new InvalidInputException("emails", "Give at least one email address.");
        }
        Set<String> tagSet = clean(tags);
        List<String> created = new ArrayList<>();
        List<String> known = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Long> toTag = new ArrayList<>();
        for (String raw : emails) {
            try {
                String email = EmailAddress.normalise(raw);
                var found = contacts.findByEmail(email);
                if (found.isPresent()) {
                    known.add(email);
                    toTag.add(found.get().id());
                }
                else {
                    contacts.create(new NewContact(email, null, null, null, null, tagSet, null), actor);
                    created.add(email);
                }
            }
            catch (LuxException e) {
                refused.add(raw + " (" + e.getMessage() + ")");
            }
        }
        if (!toTag.isEmpty() && !tagSet.isEmpty()) {
            contacts.tag(toTag, tagSet, actor);
        }
        return new AddedContacts(created, known, refused, tagSet);
    }

    /**
     * Adds contacts written as people paste them ({@link ContactLines}), with names,
     * company and attributes, and {@code tags}. A known address gets the tags and
     * whatever the line gave (names, company, attributes); a refused line is quoted back
     * with why, the others still count.
     */
    public AddedContacts addLines(Collection<String> entries, Collection<String> tags, Actor actor) {
        List<String> lines = ContactLines.lines(entries == null ? null : List.copyOf(entries));
        Set<String> tagSet = clean(tags);
        List<String> created = new ArrayList<>();
        List<String> known = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Long> toTag = new ArrayList<>();
        for (String line : lines) {
            try {
                NewContact read = ContactLines.parse(line);
                var found = contacts.findByEmail(read.email());
                if (found.isPresent()) {
                    known.add(read.email());
                    toTag.add(found.get().id());
                    ContactChanges given = new ContactChanges(read.firstName(), read.lastName(), read.company(),
                            read.attributes());
                    if (given.firstName() != null || given.lastName() != null || given.company() != null
                            || !read.attributes().isEmpty()) {
                        contacts.update(found.get().id(), given, actor);
                    }
                }
                else {
                    contacts.create(new NewContact(read.email(), read.firstName(), read.lastName(), read.company(),
                            read.attributes(), tagSet, null), actor);
                    created.add(read.email());
                }
            }
            catch (LuxException e) {
                refused.add((line.length() > 200 ? line.substring(0, 200) + "…" : line) + " (" + e.getMessage() + ")");
            }
        }
        if (!toTag.isEmpty() && !tagSet.isEmpty()) {
            contacts.tag(toTag, tagSet, actor);
        }
        return new AddedContacts(created, known, refused, tagSet);
    }

    /** The contact with this address, or a refusal naming it. */
    public ContactView require(String email) {
        return contacts.findByEmail(email)
            .orElseThrow(() -> new InvalidInputException("email",
                    "\"" + (email == null ? "" : email.strip()) + "\" is not a contact."));
    }

    /**
     * Removes tags from the contacts with these addresses; refuses when none of them is a
     * contact or a tag is unknown.
     */
    public TaggedContacts untag(Collection<String> emails, Collection<String> tags, Actor actor) {
        List<Long> ids = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String email : emails == null ? List.<String>of() : emails) {
            contacts.findByEmail(email).ifPresentOrElse(c -> ids.add(c.id()), () -> unknown.add(email));
        }
        if (ids.isEmpty()) {
            throw new InvalidInputException("emails",
                    "None of these addresses is a contact: " + String.join(", ", unknown) + ".");
        }
        Set<String> tagSet = clean(tags);
        if (tagSet.isEmpty()) {
            throw new InvalidInputException("tags", "Name the tags to remove.");
        }
        int removed = contacts.untag(ids, tagSet, actor);
        return new TaggedContacts(ids.size(), tagSet, removed, unknown);
    }

    /** Tags the contacts with these addresses; refuses when none of them is a contact. */
    public TaggedContacts tag(Collection<String> emails, Collection<String> tags, Actor actor) {
        List<Long> ids = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String email : emails == null ? List.<String>of() : emails) {
            contacts.findByEmail(email).ifPresentOrElse(c -> ids.add(c.id()), () -> unknown.add(email));
        }
        if (ids.isEmpty()) {
            throw new InvalidInputException("emails",
                    "None of these addresses is a contact: " + String.join(", ", unknown) + ".");
        }
        Set<String> tagSet = clean(tags);
        int added = contacts.tag(ids, tagSet, actor);
        return new TaggedContacts(ids.size(), tagSet, added, unknown);
    }

    private static Set<String> clean(Collection<String> values) {
        Set<String> set = new LinkedHashSet<>();
        if (values != null) {
            values.stream().filter(v -> v != null && !v.isBlank()).forEach(set::add);
        }
        return set;
    }

}
