package lux.tracking;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.consent.NewConsentEvent;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the public routes do with a token: record an open, resolve a click to its stored
 * URL, show and perform an unsubscribe. A token that does not verify changes nothing and
 * reads as "not found".
 */
@Service
public class TrackingService {

    private static final Actor UNSUBSCRIBE_LINK = new Actor(null, "unsubscribe link", Channel.SYSTEM);

    private final TrackingTokens tokens;

    private final EventWriter writer;

    private final RollupWriter rollups;

    private final JdbcTemplate jdbc;

    private final ContactService contacts;

    private final SuppressionService suppressions;

    private final ConsentLedger ledger;

    private final Clock clock;

    private final TrackingHits hits;

    TrackingService(TrackingTokens tokens, LinkRegistry links, EventWriter writer, RollupWriter rollups,
            JdbcTemplate jdbc, ContactService contacts, SuppressionService suppressions, ConsentLedger ledger,
            Clock clock, TrafficGauge traffic) {
        this.hits = new TrackingHits(tokens, links, writer, clock, traffic);
        this.ledger = ledger;
        this.tokens = tokens;
        this.writer = writer;
        this.rollups = rollups;
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.clock = clock;
    }

    /**
     * Records an open unless {@code head} (link checkers probe with HEAD); false when the
     * token is not genuine.
     */
    public boolean open(String token, String userAgent, boolean head) {
        return hits.open(token, userAgent, head);
    }

    /**
     * The stored URL to redirect to (records the click unless {@code head}); empty when
     * the token is not genuine.
     */
    public Optional<String> click(String token, String userAgent, boolean head) {
        return Optional.ofNullable(hits.click(token, userAgent, head));
    }

    /**
     * Opens and clicks without this service's proxy: what the public routes call on every
     * hit.
     */
    public TrackingHits hits() {
        return hits;
    }

    @Transactional(readOnly = true)
    public Optional<UnsubscribeTarget> unsubscribeTarget(String token) {
        return tokens.verify(TokenKind.UNSUBSCRIBE, token)
            .flatMap(t -> jdbc.query(
                    "SELECT r.id, r.email, c.name, r.unsubscribed_at FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id "
                            + "WHERE r.id = ? AND r.campaign_id = ?",
                    (rs, i) -> new UnsubscribeTarget(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4) != null),
                    t.recipientId(), t.campaignId())
                .stream()
                .findFirst());
    }

    /**
     * Unsubscribes the recipient's address for good: contact status, suppression entry,
     * one UNSUBSCRIBE event. Repeating it changes nothing more. Empty when the token is
     * not genuine.
     */
    @Transactional
    public Optional<UnsubscribeTarget> unsubscribe(String token, String userAgent) {
        Optional<TrackingToken> verified = tokens.verify(TokenKind.UNSUBSCRIBE, token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        TrackingToken t = verified.get();
        List<Object[]> rows = jdbc.query(
                "SELECT r.email, r.contact_id, c.name FROM campaign_recipient r "
                        + "JOIN campaign c ON c.id = r.campaign_id WHERE r.id = ? AND r.campaign_id = ?",
                (rs, i) -> new Object[] { rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2),
                        rs.getString(3) },
                t.recipientId(), t.campaignId());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String email = (String) rows.get(0)[0];
        Long contactId = (Long) rows.get(0)[1];
        Instant now = clock.instant();
        boolean first = jdbc.update(
                "UPDATE campaign_recipient SET unsubscribed_at = ? WHERE id = ? AND unsubscribed_at IS NULL",
                Timestamp.from(now), t.recipientId()) == 1;
        if (first) {
            jdbc.update(
                    "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, user_agent, machine) "
                            + "VALUES (?, ?, 'UNSUBSCRIBE', ?, ?, FALSE)",
                    t.recipientId(), t.campaignId(), Timestamp.from(now),
                    userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512));
            rollups.add(t.campaignId(), "unsubscribe", 1);
        }
        boolean contactUnsubscribed = false;
        if (contactId != null) {
            Optional<lux.contacts.ContactView> active = contacts.findByEmail(email)
                .filter(c -> c.status() == ContactStatus.ACTIVE);
            active.ifPresent(c -> contacts.changeStatus(c.id(), ContactStatus.UNSUBSCRIBED, UNSUBSCRIBE_LINK));
            contactUnsubscribed = active.isPresent();
        }
        if (first && !contactUnsubscribed) { // the contact's status change has recorded
                                             // it already
            ledger.record(new NewConsentEvent(email, contactId, ConsentKind.UNSUBSCRIBE, "unsubscribe link",
                    "campaign \"" + rows.get(0)[2] + "\"", null, null, UNSUBSCRIBE_LINK.name()));
        }
        suppressions.suppressAddress(email, SuppressionReason.UNSUBSCRIBED,
                "unsubscribe link of campaign \"" + rows.get(0)[2] + "\"", UNSUBSCRIBE_LINK);
        return Optional.of(new UnsubscribeTarget(t.recipientId(), email, (String) rows.get(0)[2], !first));
    }

    /** Writes buffered events now; tests and the benchmark's count check use it. */
    public void flush() {
        writer.flush();
    }

    /**
     * Hits answered but not stored because the buffer was full while the database failed
     * or was too slow.
     */
    public long droppedHits() {
        return writer.dropped();
    }

    /**
     * The reason a user agent alone marks traffic as machine, or null (for the console's
     * rule tester).
     */
    public String machineReasonForUserAgent(String userAgent) {
        return writer.rules().byUserAgent(userAgent);
    }

}
