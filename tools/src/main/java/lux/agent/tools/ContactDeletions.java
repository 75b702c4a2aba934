package lux.agent.tools;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import lux.agent.AgentOutput;
import lux.agent.AgentProperties;
import lux.agent.ConfirmationKind;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.contacts.AudienceFilter;
import lux.contacts.BulkPreview;
import lux.contacts.ContactBulkService;
import lux.contacts.ContactFilter;
import lux.contacts.ContactSelection;
import lux.segments.SegmentService;
import lux.segments.SegmentView;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting contacts behind the confirmation gate ({@link ConfirmationService}'s nonce
 * table and spend): the tool only asks; the person presses Confirm. One contact, or every
 * contact of a tag audience with exactly the count the card showed (core
 * {@link ContactBulkService#delete} refuses when it changed). A card about one contact
 * keeps only its id, never the address, so nothing personal outlives the contact in the
 * confirmation table.
 */
@Service
public class ContactDeletions {

    static final int SAMPLE = 5;

    private final ConfirmationSpends confirmations;

    private final ContactService contacts;

    private final ContactBulkService bulk;

    private final JdbcTemplate jdbc;

    private final AuditService audit;

    private final AgentProperties properties;

    private final Clock clock;

    private final SegmentService segments;

    private final SecureRandom random = new SecureRandom();

    ContactDeletions(ConfirmationSpends confirmations, ContactService contacts, ContactBulkService bulk,
            JdbcTemplate jdbc, AuditService audit, AgentProperties properties, Clock clock, SegmentService segments) {
        this.segments = segments;
        this.confirmations = confirmations;
        this.contacts = contacts;
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Which contacts a card deletes: one by id, or a tag audience. */
    record Target(Long contactId, Set<String> anyOf, Set<String> allOf, Set<String> excluded, Long segmentId) {
        ContactFilter filter() {
            return new ContactFilter(new AudienceFilter(anyOf, allOf, excluded), null, null, null);
        }
    }

    /** What pressing Confirm did. */
    public record Deleted(String what, long contacts) {
    }

    @Transactional
    public AgentOutput.ContactDeletion requestContact(Actor actor, ContactView contact) {
        return request(actor, new Target(contact.id(), Set.of(), Set.of(), Set.of(), null), contact.email(), 1,
                List.of(contact.email()));
    }

    @Transactional
    public AgentOutput.ContactDeletion requestAudience(Actor actor, AudienceFilter audience) {
        Target target = new Target(null, audience.anyOf(), audience.allOf(), audience.excluded(), null);
        BulkPreview preview = bulk.preview(target.filter(), SAMPLE);
        if (preview.count() == 0) {
            throw new InvalidInputException("audience", "No contacts are "
                    + target.filter().describe().replaceFirst("^contacts ", "") + "; nothing to delete.");
        }
        return request(actor, target, target.filter().describe(), preview.count(), preview.sample());
    }

    /**
     * Every contact of a saved segment, as it is now; Confirm deletes them only if the
     * segment still has that many.
     */
    @Transactional
    public AgentOutput.ContactDeletion requestSegment(Actor actor, SegmentView segment) {
        ContactSelection selection = segments.selection(segment.id());
        BulkPreview preview = bulk.preview(selection, SAMPLE);
        if (preview.count() == 0) {
            throw new InvalidInputException("segment",
                    "Segment \"" + segment.name() + "\" has no contacts now; nothing to delete.");
        }
        return request(actor, new Target(null, Set.of(), Set.of(), Set.of(), segment.id()), selection.description(),
                preview.count(), preview.sample());
    }

    private AgentOutput.ContactDeletion request(Actor actor, Target target, String what, long count,
            List<String> sample) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(properties.confirmationTtl());
        jdbc.update(
                "INSERT INTO agent_confirmation (nonce_hash, user_id, kind, expires_at, created_at, target, target_count, note) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                SuppressionService.hash(nonce), actor.userId(), ConfirmationKind.DELETE_CONTACTS.name(),
                Timestamp.from(expires), Timestamp.from(now), ConfirmationTargets.targetJson(target), count,
                target.contactId() != null ? null : what.length() > 1000 ? what.substring(0, 1000) : what);
        return new AgentOutput.ContactDeletion(nonce, what, count, sample, expires);
    }

    /**
     * Presses Confirm: only the person the card was made for, once, before it expires,
     * and only with the count it showed.
     */
    @Transactional
    public Deleted confirm(String nonce, Actor actor) {
        ConfirmationSpends.Pending row = confirmations.spend(nonce, actor, "CONFIRMED");
        Target target = ConfirmationTargets.target(row, Target.class, ConfirmationKind.DELETE_CONTACTS);
        audit.record(actor, "contact.confirm-delete", "contact", target.contactId(), row.note());
        if (target.contactId() != null) {
            String email = contacts.get(target.contactId()).email();
            contacts.delete(target.contactId(), actor);
            return new Deleted(email, 1);
        }
        if (target.segmentId() != null) {
            return new Deleted(row.note(),
                    bulk.delete(segments.selection(target.segmentId()), row.targetCount(), actor));
        }
        return new Deleted(row.note(), bulk.delete(target.filter(), row.targetCount(), actor));
    }

    /** Presses Cancel: the card stops working; nothing is deleted. */
    @Transactional
    public String decline(String nonce, Actor actor) {
        ConfirmationSpends.Pending row = confirmations.spend(nonce, actor, "DECLINED");
        Target target = ConfirmationTargets.target(row, Target.class, ConfirmationKind.DELETE_CONTACTS);
        if (target.contactId() != null) {
            try {
                return contacts.get(target.contactId()).email();
            }
            catch (NotFoundException e) {
                return "a contact no longer there";
            }
        }
        return row.note();
    }

}
