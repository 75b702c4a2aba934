package lux.preferences;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.consent.NewConsentEvent;
import lux.gdpr.GdprService;
import lux.shared.InvalidInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a reader can do with the link in their mail: see their settings, switch public
 * topics on and off, pause all mail for a while, and take their data home. Every change
 * writes a consent ledger row in the same transaction. Leaving everything is the RFC 8058
 * unsubscribe ({@code lux.tracking}); erasure is {@link ErasureRequests}.
 */
@Service
public class PreferenceCentre {

    /** The pauses a reader may choose; 0 ends a pause. */
    public static final Set<Integer> PAUSE_DAYS = Set.of(0, 30, 90);
    static final String CHANNEL = "preference centre";
    static final String VISITOR = "visitor";

    private static final Actor READER = new Actor(null, CHANNEL, Channel.SYSTEM);

    private final ReaderLookup readers;

    private final JdbcTemplate jdbc;

    private final ConsentLedger ledger;

    private final GdprService gdpr;

    private final Clock clock;

    PreferenceCentre(ReaderLookup readers, JdbcTemplate jdbc, ConsentLedger ledger, GdprService gdpr, Clock clock) {
        this.readers = readers;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.gdpr = gdpr;
        this.clock = clock;
    }

    /**
     * The reader behind a mail's link; empty when the token is not genuine or the contact
     * is gone.
     */
    @Transactional(readOnly = true)
    public Optional<Reader> reader(String token) {
        return readers.find(token);
    }

    /**
     * Makes exactly the public topics {@code on} (tag ids) active for the reader: a topic
     * switched on tags them (and lifts an opt-out), one switched off records an opt-out
     * that keeps the tag from counting for campaigns. Ids of tags that are not public
     * topics are ignored. Nothing changes for a reader who no longer receives mail.
     */
    @Transactional
    public Optional<Reader> chooseTopics(String token, Set<Long> on, String ip) {
        Optional<Reader> found = readers.find(token);
        if (found.isEmpty() || !found.get().subscribed()) {
            return found;
        }
        Reader reader = found.get();
        Timestamp now = Timestamp.from(clock.instant());
        boolean changed = false;
        for (Reader.TopicChoice choice : reader.topics()) {
            Topic topic = choice.topic();
            boolean wanted = on.contains(topic.tagId());
            if (wanted == choice.on()) {
                continue;
            }
            if (wanted) {
                jdbc.update("DELETE FROM contact_topic_opt_out WHERE contact_id = ? AND tag_id = ?", reader.contactId(),
                        topic.tagId());
                jdbc.update(
                        "INSERT INTO contact_tag (contact_id, tag_id) SELECT ?, ? WHERE NOT EXISTS "
                                + "(SELECT 1 FROM contact_tag WHERE contact_id = ? AND tag_id = ?)",
                        reader.contactId(), topic.tagId(), reader.contactId(), topic.tagId());
            }
            else {
                jdbc.update(
                        "INSERT INTO contact_topic_opt_out (contact_id, tag_id, opted_out_at) SELECT ?, ?, ? WHERE NOT EXISTS "
                                + "(SELECT 1 FROM contact_topic_opt_out WHERE contact_id = ? AND tag_id = ?)",
                        reader.contactId(), topic.tagId(), now, reader.contactId(), topic.tagId());
            }
            changed = true;
            record(reader, wanted ? ConsentKind.TOPIC_OPT_IN : ConsentKind.TOPIC_OPT_OUT,
                    "topic \"" + topic.tag() + "\"",
                    topic.label() + (topic.description() == null ? "" : ": " + topic.description()), ip);
        }
        if (changed) {
            touch(reader.contactId(), now);
        }
        return readers.find(token);
    }

    /**
     * Pauses all mail to the reader for {@code days} (30 or 90) from now, or ends the
     * pause (0).
     */
    @Transactional
    public Optional<Reader> pause(String token, int days, String ip) {
        if (!PAUSE_DAYS.contains(days)) {
            throw new InvalidInputException("days", "A pause is 30 or 90 days (0 ends it), not " + days + ".");
        }
        Optional<Reader> found = readers.find(token);
        if (found.isEmpty() || !found.get().subscribed()) {
            return found;
        }
        Reader reader = found.get();
        Instant now = clock.instant();
        Instant until = days == 0 ? null : now.plus(Duration.ofDays(days));
        if (until == null && reader.pausedUntil() == null) {
            return found; // nothing paused, nothing to end
        }
        jdbc.update("UPDATE contact SET paused_until = ? WHERE id = ?", until == null ? null : Timestamp.from(until),
                reader.contactId());
        touch(reader.contactId(), Timestamp.from(now));
        record(reader, ConsentKind.PAUSE,
                until == null ? "pause ended" : "paused for " + days + " days, until " + until, null, ip);
        return readers.find(token);
    }

    /**
     * Everything LUX holds about the reader, as the admin's GDPR export would give it;
     * empty for an unknown link.
     */
    @Transactional
    public Optional<String> exportData(String token) {
        return readers.find(token).map(r -> gdpr.exportJson(r.email(), READER));
    }

    private void record(Reader reader, ConsentKind kind, String source, String text, String ip) {
        ledger
            .record(new NewConsentEvent(reader.email(), reader.contactId(), kind, CHANNEL, source, text, ip, VISITOR));
    }

    private void touch(long contactId, Timestamp now) {
        jdbc.update("UPDATE contact SET updated_at = ? WHERE id = ?", now, contactId);
    }

}
