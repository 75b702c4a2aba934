package lux.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import lux.contacts.AudienceFilter;
import lux.shared.SqlDialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The recipient rows of sending campaigns, in SQL: materialising an audience window by window with
 * INSERT ... SELECT, claiming batches safely under concurrency, recording outcomes, and resolving leases
 * left behind by a crashed worker.
 */
@Component
class RecipientStore {
    static final String UNKNOWN_OUTCOME = "unknown outcome: LUX stopped while this message was being sent; "
            + "not resent so nobody gets it twice (set lux.delivery.resend-unknown=true to resend such recipients)";
    private static final int WINDOW = 20_000;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SqlDialect dialect;
    private final Clock clock;

    RecipientStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
        this.clock = clock;
    }

    /**
     * Inserts one PENDING row per active, unsuppressed contact matching {@code filter}, walking contact ids in
     * windows so no transaction or list grows with the audience. Safe to repeat: rows already there are kept.
     */
    long materialise(long campaignId, AudienceFilter filter) {
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM contact", Long.class);
        if (max == null) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, created_at) "
                + "SELECT ?, c.id, c.email, 'PENDING', 0, ? FROM contact c WHERE c.id > ? AND c.id <= ? AND c.status = 'ACTIVE'");
        List<Object> tagArgs = new ArrayList<>();
        if (!filter.anyOf().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name IN (")
                    .append(placeholders(filter.anyOf().size())).append("))");
            tagArgs.addAll(filter.anyOf());
        }
        for (String tag : filter.allOf()) {
            sql.append(" AND EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name = ?)");
            tagArgs.add(tag);
        }
        if (!filter.excluded().isEmpty()) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name IN (")
                    .append(placeholders(filter.excluded().size())).append("))");
            tagArgs.addAll(filter.excluded());
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'ADDRESS' AND s.entry = c.email)")
                .append(" AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'DOMAIN' AND s.entry = SUBSTRING(c.email FROM POSITION('@' IN c.email) + 1))")
                .append(" AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'ADDRESS_HASH' AND s.entry = ")
                .append(dialect.sha256Hex("c.email")).append(")")
                .append(" AND NOT EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.campaign_id = ? AND r.email = c.email)");
        long inserted = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (long from = 0; from < max; from += WINDOW) {
            List<Object> args = new ArrayList<>(List.of(campaignId, now, from, from + WINDOW));
            args.addAll(tagArgs);
            args.add(campaignId);
            inserted += jdbc.update(sql.toString(), args.toArray());
        }
        return inserted;
    }

    /**
     * Claims up to {@code limit} due PENDING rows: the conditional UPDATE with a fresh claim token is what makes
     * a row one worker's (a row another worker took in between no longer matches status = 'PENDING').
     * PostgreSQL additionally skips rows locked by others, so workers do not queue behind each other.
     */
    List<ClaimedRecipient> claim(long campaignId, int limit) {
        return tx.execute(status -> {
            Instant now = clock.instant();
            List<Long> candidates = jdbc.queryForList("SELECT id FROM campaign_recipient WHERE campaign_id = ? AND status = 'PENDING' "
                    + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id LIMIT ?" + dialect.skipLocked(),
                    Long.class, campaignId, Timestamp.from(now), limit);
            if (candidates.isEmpty()) {
                return List.of();
            }
            String token = UUID.randomUUID().toString();
            List<Object> args = new ArrayList<>(List.of(token, Timestamp.from(now)));
            args.addAll(candidates);
            jdbc.update("UPDATE campaign_recipient SET status = 'SENDING', claim_token = ?, claimed_at = ?, attempts = attempts + 1, "
                    + "lux_message_id = CONCAT('lux-c', CAST(campaign_id AS VARCHAR(20)), '-r', CAST(id AS VARCHAR(20))) "
                    + "WHERE status = 'PENDING' AND id IN (" + placeholders(candidates.size()) + ")", args.toArray());
            return jdbc.query("SELECT id, campaign_id, contact_id, email, attempts FROM campaign_recipient WHERE claim_token = ? "
                            + "AND status = 'SENDING' ORDER BY id",
                    (rs, i) -> new ClaimedRecipient(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class), rs.getString(4),
                            rs.getInt(5)), token);
        });
    }

    /** Writes a batch's outcomes in one transaction; only rows still SENDING under this claim are changed. */
    void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            rows.add(new Object[] {o.status(), o.error() == null ? null : limit(o.error(), 1000), o.providerMessageId() == null ? null
                    : limit(o.providerMessageId(), 200), o.nextAttemptAt() == null ? null : Timestamp.from(o.nextAttemptAt()),
                "SENT".equals(o.status()) ? now : null, o.attemptsDelta(), o.recipient().id()});
        }
        tx.executeWithoutResult(s -> jdbc.batchUpdate("UPDATE campaign_recipient SET status = ?, last_error = ?, provider_message_id = ?, "
                + "next_attempt_at = ?, sent_at = ?, attempts = attempts + ?, claim_token = NULL WHERE id = ? AND status = 'SENDING'", rows));
    }

    /**
     * Recipients left SENDING longer than {@code lease}: their worker died between claim and record, so whether
     * the mail left is unknown. Failed as unknown (default) or put back to PENDING when resending is configured.
     */
    int resolveExpiredLeases(Duration lease, boolean resend) {
        Timestamp before = Timestamp.from(clock.instant().minus(lease));
        return resend
                ? jdbc.update("UPDATE campaign_recipient SET status = 'PENDING', claim_token = NULL, last_error = ? "
                        + "WHERE status = 'SENDING' AND claimed_at < ?", "resent after an unknown outcome", before)
                : jdbc.update("UPDATE campaign_recipient SET status = 'FAILED', claim_token = NULL, last_error = ? "
                        + "WHERE status = 'SENDING' AND claimed_at < ?", UNKNOWN_OUTCOME, before);
    }

    long pendingOrSending(long campaignId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND status IN ('PENDING', 'SENDING')",
                Long.class, campaignId);
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
