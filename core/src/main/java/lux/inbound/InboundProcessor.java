package lux.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lux.tracking.RollupWriter;
import lux.tracking.TrackingService;
import lux.tracking.UnsubscribeTarget;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acts on one message read from a sender mailbox, once: the message's row in
 * inbound_message is inserted in the same transaction as what it causes, so a second
 * reader (or the same one after a crash) finds the row and does nothing. A bounce only
 * counts when its report names the same address as the recipient its LUX id points at, so
 * a made-up report cannot suppress someone else.
 */
@Service
public class InboundProcessor {

    private final MailClassifier classifier = new MailClassifier();

    private final JdbcTemplate jdbc;

    private final BounceRecorder bounces;

    private final BounceRateGuard guard;

    private final RollupWriter rollups;

    private final TrackingService tracking;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    InboundProcessor(JdbcTemplate jdbc, BounceRecorder bounces, BounceRateGuard guard, RollupWriter rollups,
            TrackingService tracking, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.bounces = bounces;
        this.guard = guard;
        this.rollups = rollups;
        this.tracking = tracking;
        this.events = events;
        this.clock = clock;
    }

    /** A reading of one mailbox; the reader hands it every message, then finishes it. */
    public InboundRun start(String mailbox) {
        return new InboundRun(mailbox, this);
    }

    /**
     * What happened to one message: its kind, the campaign it was about (null: none) and
     * whether it was new.
     */
    public record Handled(InboundKind kind, Long campaignId, boolean fresh) {
    }

    @Transactional
    public Handled handle(String mailbox, InboundMail mail) {
        Classification c = classifier.classify(mail.mime());
        RecipientRow r = recipient(c);
        String key = mail.key().length() > 500 ? mail.key().substring(0, 500) : mail.key();
        int inserted = jdbc
            .update("INSERT INTO inbound_message (mailbox, message_key, kind, campaign_id, recipient_id, email, "
                    + "dsn_status, web_link, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    mailbox, key, c.kind().name(), r == null ? null : r.campaignId(), r == null ? null : r.id(),
                    r == null ? null : r.email(), c.status(),
                    mail.webLink() == null || mail.webLink().length() > 2000 ? null : mail.webLink(),
                    Timestamp.from(mail.receivedAt() == null ? clock.instant() : mail.receivedAt()));
        if (inserted == 0) {
            return new Handled(c.kind(), r == null ? null : r.campaignId(), false);
        }
        switch (c.kind()) {
            case HARD_BOUNCE -> {
                if (r != null) {
                    bounces.hard(r, c.status());
                    guard.check(r.campaignId());
                }
            }
            case SOFT_BOUNCE -> {
                if (r != null) {
                    bounces.soft(r, c.status());
                }
            }
            case AUTO_REPLY -> count(r, "autoreply");
            case REPLY -> count(r, "reply");
            case UNSUBSCRIBE -> {
                return unsubscribe(mailbox, key, c.unsubscribeToken());
            }
            case OTHER -> {
                // filed and left alone
            }
        }
        return new Handled(c.kind(), r == null ? null : r.campaignId(), true);
    }

    /**
     * Tells each campaign's owner how many people replied in this reading (one event per
     * campaign).
     */
    @Transactional(readOnly = true)
    public void announce(Map<Long, Long> newReplies, Map<Long, String> latestLinks) {
        newReplies.forEach((campaignId, n) -> {
            List<Map<String, Object>> rows = jdbc
                .queryForList("SELECT name, created_by, (SELECT COUNT(DISTINCT recipient_id) "
                        + "FROM inbound_message WHERE campaign_id = ? AND kind = 'REPLY') AS people FROM campaign WHERE id = ?",
                        campaignId, campaignId);
            if (!rows.isEmpty()) {
                Map<String, Object> c = rows.get(0);
                events.publishEvent(new InboundEvent.RepliesReceived(campaignId, (String) c.get("name"),
                        c.get("created_by") == null ? null : ((Number) c.get("created_by")).longValue(), n,
                        ((Number) c.get("people")).longValue(), latestLinks.get(campaignId), clock.instant()));
            }
        });
    }

    private void count(RecipientRow r, String metric) {
        if (r != null) {
            rollups.add(r.campaignId(), metric, 1);
        }
    }

    /**
     * The one-click route's own service: a token that does not verify changes nothing.
     */
    private Handled unsubscribe(String mailbox, String key, String token) {
        Optional<UnsubscribeTarget> target = tracking.unsubscribe(token, "mail to the List-Unsubscribe address");
        if (target.isEmpty()) {
            return new Handled(InboundKind.UNSUBSCRIBE, null, true);
        }
        Long campaignId = jdbc.queryForObject("SELECT campaign_id FROM campaign_recipient WHERE id = ?", Long.class,
                target.get().recipientId());
        jdbc.update(
                "UPDATE inbound_message SET campaign_id = ?, recipient_id = ?, email = ? WHERE mailbox = ? AND message_key = ?",
                campaignId, target.get().recipientId(), target.get().email(), mailbox, key);
        return new Handled(InboundKind.UNSUBSCRIBE, campaignId, true);
    }

    /**
     * The recipient the message is about; for a bounce only when the report names that
     * recipient's address.
     */
    private RecipientRow recipient(Classification c) {
        RecipientRef ref = c.ref();
        if (ref == null) {
            return null;
        }
        RecipientRow row = jdbc
            .query("SELECT r.id, r.campaign_id, c.name, r.email FROM campaign_recipient r "
                    + "JOIN campaign c ON c.id = r.campaign_id WHERE r.id = ? AND r.campaign_id = ?",
                    (rs, i) -> new RecipientRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                    ref.recipientId(), ref.campaignId())
            .stream()
            .findFirst()
            .orElse(null);
        boolean bounce = c.kind() == InboundKind.HARD_BOUNCE || c.kind() == InboundKind.SOFT_BOUNCE;
        if (row != null && bounce && (c.recipient() == null || !c.recipient().equalsIgnoreCase(row.email()))) {
            return null;
        }
        return row;
    }

}
