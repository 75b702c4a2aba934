package lux.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.consent.NewConsentEvent;
import lux.shared.DuplicateException;
import lux.shared.EmailAddress;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public face of contacts and tags: create, change, tag, search and count audiences.
 */
@Service
public class ContactService {

    public static final int MAX_NAME = 100;

    public static final int MAX_COMPANY = 200;

    public static final int MAX_ATTRIBUTE_VALUE = 1000;

    public static final int MAX_REASON = 500;

    private final ContactRepository contacts;

    private final TagRepository tags;

    private final JdbcTemplate jdbc;

    private final AuditService audit;

    private final SuppressionHolds holds;

    private final ConsentLedger ledger;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    ContactService(ContactRepository contacts, TagRepository tags, JdbcTemplate jdbc, AuditService audit,
            SuppressionHolds holds, ConsentLedger ledger, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.contacts = contacts;
        this.ledger = ledger;
        this.holds = holds;
        this.tags = tags;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates a contact added by {@code actor}; the consent ledger records who added it,
     * and where.
     */
    @Transactional
    public ContactView create(NewContact request, Actor actor) {
        return create(request, actor, null);
    }

    /**
     * Creates a contact; {@code consent} is how the person consented (a confirmed
     * sign-up, with the text shown and the IP), recorded in the consent ledger with the
     * new contact's id. Null records an addition by {@code actor}.
     */
    @Transactional
    public ContactView create(NewContact request, Actor actor, NewConsentEvent consent) {
        String email = EmailAddress.normalise(request.email());
        if (contacts.existsByEmail(email)) {
            throw new DuplicateException("email", "A contact with the address " + email + " already exists.");
        }
        Instant now = clock.instant();
        Contact contact = new Contact(email, now);
        apply(contact,
                new ContactChanges(request.firstName(), request.lastName(), request.company(), request.attributes()));
        contact.setConsent(request.consentSource() == null ? "added by " + actor.name() + " via " + actor.channel()
                : request.consentSource(), now);
        contact.tags().addAll(tagsNamed(request.tags(), true));
        contact = contacts.save(contact);
        ledger.record(consent == null
                ? new NewConsentEvent(email, contact.getId(), ConsentKind.ADDED, ConsentLedger.channelOf(actor),
                        contact.getConsentSource(), null, null, actor.name())
                : new NewConsentEvent(email, contact.getId(), consent.kind(), consent.channel(), consent.source(),
                        consent.text(), consent.ip(), consent.actor()));
        audit.record(actor, "contact.create", "contact", contact.getId(), email);
        ContactView created = ContactView.of(contact);
        events.publishEvent(new ContactEvent.Created(created.id(), java.util.Set.copyOf(created.tags())));
        return created;
    }

    @Transactional
    public ContactView update(long id, ContactChanges changes, Actor actor) {
        Contact contact = entity(id);
        apply(contact, changes);
        contact.touch(clock.instant());
        audit.record(actor, "contact.update", "contact", id, null);
        return ContactView.of(contact);
    }

    /**
     * Field changes and a status change in one transaction: a refused status change
     * leaves the fields as they were.
     */
    @Transactional
    public ContactView update(long id, ContactChanges changes, ContactStatus status, String reason, Actor actor) {
        ContactView updated = update(id, changes, actor);
        return status == null ? updated : changeStatus(id, status, reason, actor);
    }

    /**
     * A status change without a reason: enough to put a contact on hold, not to take one
     * off it.
     */
    @Transactional
    public ContactView changeStatus(long id, ContactStatus status, Actor actor) {
        return changeStatus(id, status, null, actor);
    }

    /**
     * Changes a contact's status; the only road for console, API and tools. Putting a
     * contact on hold (unsubscribed, bounced, complained) also suppresses the address.
     * Taking one off a hold is for admins only and needs a reason, kept in the audit log;
     * back to ACTIVE it removes the address's suppression entry too.
     */
    @Transactional
    public ContactView changeStatus(long id, ContactStatus status, String reason, Actor actor) {
        if (status == null) {
            throw new InvalidInputException("status",
                    "Choose a status: " + java.util.Arrays.toString(ContactStatus.values()) + ".");
        }
        Contact contact = entity(id);
        ContactStatus from = contact.getStatus();
        if (from == status) {
            return ContactView.of(contact);
        }
        String why = reason == null || reason.isBlank() ? null : limited("reason", reason, MAX_REASON);
        if (from.isHold()) {
            holds.requireMayRelease(contact.getEmail(), from, why, actor);
        }
        if (status.isHold()) {
            holds.hold(contact.getEmail(), status, why, actor);
        }
        else {
            holds.release(contact.getEmail(), from, why, actor);
        }
        contact.setStatus(status);
        contact.touch(clock.instant());
        if (status == ContactStatus.UNSUBSCRIBED) {
            ledger.record(new NewConsentEvent(contact.getEmail(), id, ConsentKind.UNSUBSCRIBE,
                    ConsentLedger.channelOf(actor), why, null, null, actor.name()));
        }
        audit.record(actor, "contact.status", "contact", id, from + " -> " + status + (why == null ? "" : ": " + why));
        return ContactView.of(contact);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        Contact contact = entity(id);
        contacts.delete(contact);
        audit.record(actor, "contact.delete", "contact", id, null);
    }

    @Transactional(readOnly = true)
    public ContactView get(long id) {
        return ContactView.of(entity(id));
    }

    @Transactional(readOnly = true)
    public Optional<ContactView> findByEmail(String email) {
        return contacts.findByEmail(EmailAddress.normaliseLenient(email)).map(ContactView::of);
    }

    /**
     * Adds tags (created when new) to the given contacts; returns how many contact-tag
     * links were added.
     */
    @Transactional
    public int tag(Collection<Long> contactIds, Collection<String> tagNames, Actor actor) {
        List<Tag> wanted = tagsNamed(tagNames, true);
        List<Long> ids = existingIds(contactIds);
        contacts.flush();
        List<Object[]> rows = new ArrayList<>();
        for (Tag tag : wanted) {
            for (Long id : ids) {
                rows.add(new Object[] { id, tag.getId(), id, tag.getId() });
            }
        }
        int added = sum(jdbc.batchUpdate("INSERT INTO contact_tag (contact_id, tag_id) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM contact_tag WHERE contact_id = ? AND tag_id = ?)", rows));
        touch(ids);
        audit.record(actor, "contact.tag", "tag", names(wanted), added + " contacts tagged");
        if (added > 0) {
            events.publishEvent(new ContactEvent.Tagged(ids,
                    wanted.stream().map(Tag::getName).collect(java.util.stream.Collectors.toSet())));
        }
        return added;
    }

    /**
     * Removes tags from the given contacts; unknown tag names fail. Returns how many
     * links were removed.
     */
    @Transactional
    public int untag(Collection<Long> contactIds, Collection<String> tagNames, Actor actor) {
        List<Tag> wanted = tagsNamed(tagNames, false);
        List<Long> ids = existingIds(contactIds);
        contacts.flush();
        List<Object[]> rows = new ArrayList<>();
        for (Tag tag : wanted) {
            for (Long id : ids) {
                rows.add(new Object[] { id, tag.getId() });
            }
        }
        int removed = sum(jdbc.batchUpdate("DELETE FROM contact_tag WHERE contact_id = ? AND tag_id = ?", rows));
        touch(ids);
        audit.record(actor, "contact.untag", "tag", names(wanted), removed + " contacts untagged");
        return removed;
    }

    @Transactional(readOnly = true)
    public Page<ContactView> search(ContactQuery query, Pageable pageable) {
        Pageable sorted = pageable.getSort().isSorted() ? pageable
                : PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), Sort.by("id"));
        return contacts.findAll(ContactSpecifications.matching(query, resolve(query.tags())), sorted)
            .map(ContactView::of);
    }

    /**
     * The number of active contacts a campaign with this filter would reach today (before
     * suppression, pauses and topic opt-outs).
     */
    @Transactional(readOnly = true)
    public long countAudience(AudienceFilter filter) {
        return contacts.count(ContactSpecifications.matching(audienceQuery(filter), resolve(filter)));
    }

    @Transactional(readOnly = true)
    public AudiencePreview previewAudience(AudienceFilter filter, int sampleSize) {
        Page<ContactView> page = search(audienceQuery(filter), PageRequest.of(0, Math.max(1, sampleSize)));
        return new AudiencePreview(filter, page.getTotalElements(), page.getContent());
    }

    @Transactional(readOnly = true)
    public List<TagCount> tags() {
        return tags.countContactsPerTag()
            .stream()
            .map((row) -> new TagCount(row.getName(), row.getContacts()))
            .toList();
    }

    /**
     * Fails with a message naming each unknown tag, so "vpi" is caught before a campaign
     * reaches nobody.
     */
    @Transactional(readOnly = true)
    public void requireKnownTags(AudienceFilter filter) {
        resolve(filter);
    }

    private static ContactQuery audienceQuery(AudienceFilter filter) {
        return new ContactQuery(null, filter, ContactStatus.ACTIVE);
    }

    private ContactSpecifications.TagIds resolve(AudienceFilter filter) {
        Map<String, Long> known = tags.findByNameIn(filter.allTags())
            .stream()
            .collect(Collectors.toMap(Tag::getName, Tag::getId));
        Set<String> unknown = new TreeSet<>(filter.allTags());
        unknown.removeAll(known.keySet());
        if (!unknown.isEmpty()) {
            String existing = tags.findAll(Sort.by("name"))
                .stream()
                .map(Tag::getName)
                .limit(20)
                .collect(Collectors.joining(", "));
            throw new InvalidInputException("tags",
                    "Unknown tag" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + ". "
                            + (existing.isEmpty() ? "No tags exist yet." : "Existing tags: " + existing + "."));
        }
        return new ContactSpecifications.TagIds(filter.anyOf().stream().map(known::get).toList(),
                filter.allOf().stream().map(known::get).toList(), filter.excluded().stream().map(known::get).toList());
    }

    private List<Tag> tagsNamed(Collection<String> rawNames, boolean createMissing) {
        Set<String> names = new TreeSet<>();
        if (rawNames != null) {
            rawNames.forEach(n -> names.add(Tag.normalise(n)));
        }
        if (names.isEmpty()) {
            return List.of();
        }
        List<Tag> found = new ArrayList<>(tags.findByNameIn(names));
        Set<String> missing = new TreeSet<>(names);
        found.forEach(t -> missing.remove(t.getName()));
        if (!missing.isEmpty() && !createMissing) {
            throw new InvalidInputException("tags",
                    "Unknown tag" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + ".");
        }
        Instant now = clock.instant();
        missing.forEach(name -> found.add(tags.save(new Tag(name, now))));
        return found;
    }

    private List<Long> existingIds(Collection<Long> contactIds) {
        if (contactIds == null || contactIds.isEmpty()) {
            throw new InvalidInputException("contacts", "Choose at least one contact.");
        }
        List<Long> ids = contacts.findByIdIn(Set.copyOf(contactIds)).stream().map(Contact::getId).toList();
        if (ids.size() != Set.copyOf(contactIds).size()) {
            Set<Long> missing = new TreeSet<>(contactIds);
            ids.forEach(missing::remove);
            throw new NotFoundException("Contact",
                    missing.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        return ids;
    }

    private void touch(List<Long> ids) {
        Instant now = clock.instant();
        jdbc.batchUpdate("UPDATE contact SET updated_at = ? WHERE id = ?",
                ids.stream().map(id -> new Object[] { java.sql.Timestamp.from(now), id }).toList());
    }

    private Contact entity(long id) {
        return contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact", id));
    }

    private static void apply(Contact contact, ContactChanges changes) {
        if (changes.firstName() != null) {
            contact.setFirstName(limited("firstName", changes.firstName(), MAX_NAME));
        }
        if (changes.lastName() != null) {
            contact.setLastName(limited("lastName", changes.lastName(), MAX_NAME));
        }
        if (changes.company() != null) {
            contact.setCompany(limited("company", changes.company(), MAX_COMPANY));
        }
        if (changes.attributes() != null && !changes.attributes().isEmpty()) {
            Map<String, String> merged = new LinkedHashMap<>(contact.getAttributes());
            changes.attributes().forEach((key, value) -> {
                String name = attributeName(key);
                if (value == null) {
                    merged.remove(name);
                }
                else {
                    merged.put(name, limited("attributes." + name, value, MAX_ATTRIBUTE_VALUE));
                }
            });
            contact.setAttributes(merged);
        }
    }

    /**
     * Attribute names become template variables ({{ contact.plan }}), so they must be
     * identifiers.
     */
    public static String attributeName(String raw) {
        String name = raw == null ? ""
                : raw.trim()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("[^a-z0-9_]+", "_")
                    .replaceAll("^_+|_+$", "");
        if (name.isEmpty() || Character.isDigit(name.charAt(0)) || name.length() > 64) {
            throw new InvalidInputException("attributes",
                    "\"" + raw + "\" cannot be an attribute name: use letters, digits and _ (up to 64).");
        }
        return name;
    }

    private static String limited(String field, String value, int max) {
        String trimmed = value.trim();
        if (trimmed.length() > max) {
            throw new InvalidInputException(field, field + " is longer than " + max + " characters.");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String names(List<Tag> tags) {
        return tags.stream().map(Tag::getName).sorted().collect(Collectors.joining(","));
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += Math.max(c, 0);
        }
        return total;
    }

}
