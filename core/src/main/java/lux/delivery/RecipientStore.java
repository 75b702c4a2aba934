package lux.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import lux.shared.SqlDialect;
import lux.shared.Unnest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The at-most-once discipline over the recipient rows of sending campaigns, in SQL:
 * claiming batches safely under concurrency (a claim token per batch, FOR UPDATE SKIP
 * LOCKED on PostgreSQL), the erasure check before the transport, recording outcomes only
 * under the claim's token, and resolving leases left behind by a crashed worker. The rows
 * are made by {@link AudienceMaterialiser}.
 */
@Component
class RecipientStore {

    static final String UNKNOWN_OUTCOME = unknownOutcome("LUX stopped while this message was being sent");

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final SqlDialect dialect;

    private final Clock clock;

    /**
     * Per campaign, the last recipient id this instance claimed: where the next claim
     * starts looking.
     */
    private final Map<Long, Long> cursors = new ConcurrentHashMap<>();

    RecipientStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due PENDING rows (a retry's next attempt and a best-time
     * recipient's due time have come): the conditional UPDATE with a fresh claim token is
     * what makes a row one worker's (a row another worker took in between no longer
     * matches status = 'PENDING'). PostgreSQL additionally skips rows locked by others,
     * so workers do not queue behind each other. The search starts after the last id this
     * instance claimed for the campaign (wrapping round when nothing is left after it),
     * so it never walks over the rows already sent, whichever index the planner picks.
     */
    List<ClaimedRecipient> claim(long campaignId, int limit) {
        long after = cursors.getOrDefault(campaignId, 0L);
        List<ClaimedRecipient> claimed = claimAfter(campaignId, after, limit);
        if (claimed.size() < limit && after > 0) {
            // the end is reached: wrap round for retries that came due and rows other
            // workers gave back
            List<ClaimedRecipient> more = claimAfter(campaignId, 0, limit - claimed.size());
            claimed = new ArrayList<>(claimed);
            claimed.addAll(more);
            if (more.isEmpty()) {
                cursors.remove(campaignId);
                return claimed;
            }
        }
        if (claimed.isEmpty()) {
            cursors.remove(campaignId);
        }
        else {
            cursors.put(campaignId, claimed.get(claimed.size() - 1).id());
        }
        return claimed;
    }

    private List<ClaimedRecipient> claimAfter(long campaignId, long after, int limit) {
        if (dialect == SqlDialect.POSTGRESQL) {
            // one round trip: pick, lock and mark in a single statement
            Instant now = clock.instant();
            List<ClaimedRecipient> claimed = new ArrayList<>(jdbc
                .query("UPDATE campaign_recipient SET status = 'SENDING', claim_token = ?, "
                        + "claimed_at = ?, attempts = attempts + 1, lux_message_id = CONCAT('lux-c', CAST(campaign_id AS VARCHAR(20)), "
                        + "'-r', CAST(id AS VARCHAR(20))) WHERE id IN (SELECT id FROM campaign_recipient WHERE campaign_id = ? "
                        + "AND status = 'PENDING' AND id > ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (due_at IS NULL OR due_at <= ?) ORDER BY id LIMIT ? "
                        + "FOR UPDATE SKIP LOCKED) AND status = 'PENDING' RETURNING id, campaign_id, contact_id, email, attempts, claim_token",
                        (rs, i) -> new ClaimedRecipient(rs.getLong(1), rs.getLong(2),
                                (Long) rs.getObject(3, Long.class), rs.getString(4), rs.getInt(5), rs.getString(6)),
                        UUID.randomUUID().toString(), Timestamp.from(now), campaignId, after, Timestamp.from(now),
                        Timestamp.from(now), limit));
            claimed.sort(java.util.Comparator.comparingLong(ClaimedRecipient::id));
            return claimed;
        }
        return tx.execute(status -> {
            Instant now = clock.instant();
            List<Long> candidates = jdbc
                .queryForList("SELECT id FROM campaign_recipient WHERE campaign_id = ? AND status = 'PENDING' "
                        + "AND id > ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (due_at IS NULL OR due_at <= ?) ORDER BY id LIMIT ?"
                        + dialect.skipLocked(), Long.class, campaignId, after, Timestamp.from(now), Timestamp.from(now),
                        limit);
            if (candidates.isEmpty()) {
                return List.of();
            }
            String token = UUID.randomUUID().toString();
            List<Object> args = new ArrayList<>(List.of(token, Timestamp.from(now)));
            args.addAll(candidates);
            jdbc.update(
                    "UPDATE campaign_recipient SET status = 'SENDING', claim_token = ?, claimed_at = ?, attempts = attempts + 1, "
                            + "lux_message_id = CONCAT('lux-c', CAST(campaign_id AS VARCHAR(20)), '-r', CAST(id AS VARCHAR(20))) "
                            + "WHERE status = 'PENDING' AND id IN (" + placeholders(candidates.size()) + ")",
                    args.toArray());
            List<Object> read = new ArrayList<>(candidates);
            read.add(token);
            return jdbc.query(
                    "SELECT id, campaign_id, contact_id, email, attempts FROM campaign_recipient WHERE id IN ("
                            + placeholders(candidates.size())
                            + ") AND claim_token = ? AND status = 'SENDING' ORDER BY id",
                    (rs, i) -> new ClaimedRecipient(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class),
                            rs.getString(4), rs.getInt(5), token),
                    read.toArray());
        });
    }

    /**
     * Of these claimed recipients, those still SENDING to the address they were claimed
     * with. An erasure (GDPR) since the claim has made the row SKIPPED and replaced the
     * address: such a recipient must not be mailed.
     */
    Set<Long> stillToSend(List<ClaimedRecipient> claimed) {
        Set<Long> live = new HashSet<>();
        for (int from = 0; from < claimed.size(); from += 1000) {
            List<ClaimedRecipient> chunk = claimed.subList(from, Math.min(claimed.size(), from + 1000));
            Map<Long, String> claimedWith = new HashMap<>();
            chunk.forEach(r -> claimedWith.put(r.id(), r.email()));
            // by primary key only: see record(...) on a status predicate
            jdbc.query(
                    "SELECT id, email, status FROM campaign_recipient WHERE id IN (" + placeholders(chunk.size()) + ")",
                    rs -> {
                        if ("SENDING".equals(rs.getString(3))
                                && rs.getString(2).equals(claimedWith.get(rs.getLong(1)))) {
                            live.add(rs.getLong(1));
                        }
                    }, chunk.stream().map(ClaimedRecipient::id).toArray());
        }
        return live;
    }

    /**
     * Writes a batch's outcomes in one transaction; only rows still SENDING under this
     * claim (its token) are changed: a worker whose lease expired and whose row was
     * claimed again cannot overwrite the newer claim's outcome. A row holds a token only
     * while it is SENDING (every other status change clears it), so on PostgreSQL the
     * token alone says so: a {@code status = 'SENDING'} there let the planner, misled by
     * statistics taken before the send, scan every live and dead SENDING entry of the
     * status index against all 500 outcomes, and an A/B winner send ran at half speed.
     * The rows are found by primary key instead. On PostgreSQL one UPDATE ... FROM
     * unnest(arrays), see {@link Unnest} (a JDBC batch of 500 single-row updates took
     * three times as long: every statement is planned and executed on its own); H2, in
     * process, takes the JDBC batch.
     */
    void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            rows.add(new Object[] { o.status(), o.error() == null ? null : limit(o.error(), 1000),
                    o.providerMessageId() == null ? null : limit(o.providerMessageId(), 200),
                    o.nextAttemptAt() == null ? null : Timestamp.from(o.nextAttemptAt()),
                    "SENT".equals(o.status()) ? now : null, o.attemptsDelta(), o.recipient().id(),
                    o.recipient().claimToken() });
        }
        tx.executeWithoutResult(s -> Unnest.write(jdbc, dialect, rows,
                "UPDATE campaign_recipient SET status = ?, last_error = ?, provider_message_id = ?, "
                        + "next_attempt_at = ?, sent_at = ?, attempts = attempts + ?, claim_token = NULL "
                        + "WHERE id = ? AND status = 'SENDING' AND claim_token = ?",
                "UPDATE campaign_recipient r SET status = v.status, "
                        + "last_error = v.error, provider_message_id = v.provider, "
                        + "next_attempt_at = CAST(v.next_at AS TIMESTAMP WITH TIME ZONE), "
                        + "sent_at = CAST(v.sent_at AS TIMESTAMP WITH TIME ZONE), attempts = r.attempts + v.delta, "
                        + "claim_token = NULL FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                        + "?::int[], ?::bigint[], ?::text[]) AS v(status, error, provider, next_at, sent_at, delta, id, "
                        + "token) WHERE r.id = v.id AND r.claim_token = v.token",
                "text", "text", "text", "text", "text", "integer", "bigint", "text"));
    }

    /**
     * Recipients left SENDING longer than {@code lease}: their worker died between claim
     * and record, so whether the mail left is unknown. Failed as unknown (default) or put
     * back to PENDING when resending is configured.
     */
    int resolveExpiredLeases(Duration lease, boolean resend) {
        Timestamp before = Timestamp.from(clock.instant().minus(lease));
        return resend
                ? jdbc.update(
                        "UPDATE campaign_recipient SET status = 'PENDING', claim_token = NULL, last_error = ? "
                                + "WHERE status = 'SENDING' AND claimed_at < ?",
                        "resent after an unknown outcome", before)
                : jdbc.update("UPDATE campaign_recipient SET status = 'FAILED', claim_token = NULL, last_error = ? "
                        + "WHERE status = 'SENDING' AND claimed_at < ?", UNKNOWN_OUTCOME, before);
    }

    /**
     * Whether any recipient of the campaign is not final yet; stops at the first one
     * instead of counting them all.
     */
    boolean anyPendingOrSending(long campaignId) {
        return !jdbc
            .queryForList(
                    "SELECT id FROM campaign_recipient WHERE campaign_id = ? AND status IN ('PENDING', 'SENDING') "
                            + "LIMIT 1",
                    Long.class, campaignId)
            .isEmpty();
    }

    /**
     * The error of a recipient whose message may or may not have gone out, and why it is
     * not sent again (record() cuts it to size).
     */
    static String unknownOutcome(String why) {
        return "unknown outcome: " + why
                + "; not resent so nobody gets it twice (set lux.delivery.resend-unknown=true to resend such recipients)";
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

}
