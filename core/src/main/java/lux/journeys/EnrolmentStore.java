package lux.journeys;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import lux.contacts.AudienceFilter;
import lux.segments.SegmentDefinition;
import lux.segments.SegmentSql;
import lux.shared.SqlDialect;
import lux.shared.Unnest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exactly-once discipline over enrolments, as delivery's RecipientStore does it for
 * recipients: a conditional UPDATE with a fresh claim token makes a due enrolment one
 * worker's (PostgreSQL skips rows others hold with FOR UPDATE SKIP LOCKED); a step's
 * outcome is written only under that token, together with the step's run row whose key
 * (enrolment, step) forbids a second run; leases of crashed workers are resolved without
 * ever repeating a send whose outcome is unknown.
 * <p>
 * Neither a claim nor a transition changes an indexed column of the enrolment: the due
 * order is a table of its own, journey_due, one row per enrolment that waits unclaimed
 * (V134). A claim deletes the due rows it takes and sets the enrolments' token and claim
 * time (the enrolment stays WAITING, a set token is what marks it claimed); a transition
 * sets the new state and, if the enrolment waits again, writes its new due row. So
 * PostgreSQL writes both enrolment updates as heap-only (HOT) updates, with no new entry
 * in any of the table's indexes (V132, V134). The lease is kept per claim, not per
 * enrolment: a row of journey_claim with the claim's time and its enrolments' ids,
 * through which the lease resolver finds a dead worker's enrolments.
 */
@Component
class EnrolmentStore {

    static final String UNKNOWN = "LUX stopped while this mail was being sent; not sent again so nobody gets it twice";

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final SqlDialect dialect;

    private final Clock clock;

    EnrolmentStore(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
        this.clock = clock;
    }

    private static final String RETURNING = "id, journey_id, version, contact_id, position, last_recipient_id, attempts, claim_token";

    /**
     * The due rows of active journeys, oldest first: a due row is an enrolment that waits
     * unclaimed (V134).
     */
    private static final String DUE = "SELECT d.next_run_at, d.enrolment_id FROM journey_due d WHERE d.next_run_at <= ? "
            + "AND d.journey_id IN (SELECT j.id FROM journey j WHERE j.status = 'ACTIVE') "
            + "ORDER BY d.next_run_at, d.enrolment_id LIMIT ?";

    /** Claims up to {@code limit} due waiting enrolments of active journeys. */
    List<ClaimedEnrolment> claim(int limit) {
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        if (dialect == SqlDialect.POSTGRESQL) {
            return claimAndBegin(token, now, limit);
        }
        List<Object[]> due = jdbc.query(DUE,
                (rs, i) -> new Object[] { rs.getObject(1, java.time.OffsetDateTime.class), rs.getLong(2) },
                Timestamp.from(now), limit);
        if (due.isEmpty()) {
            return List.of();
        }
        return tx.execute(s -> {
            // a due row is taken by whoever deletes it: another engine that read the
            // same rows deletes none of them
            int[] deleted = jdbc.batchUpdate("DELETE FROM journey_due WHERE next_run_at = ? AND enrolment_id = ?", due);
            List<Object> ids = new ArrayList<>();
            for (int i = 0; i < deleted.length; i++) {
                if (deleted[i] > 0) {
                    ids.add(due.get(i)[1]);
                }
            }
            if (ids.isEmpty()) {
                return List.<ClaimedEnrolment>of();
            }
            List<Object> args = new ArrayList<>(List.of(token, Timestamp.from(now), Timestamp.from(now)));
            args.addAll(ids);
            jdbc.update("UPDATE journey_enrolment SET claim_token = ?, claimed_at = ? WHERE status = 'WAITING' "
                    + "AND claim_token IS NULL AND next_run_at <= ? AND id IN (" + placeholders(ids.size()) + ")",
                    args.toArray());
            List<Object> mine = new ArrayList<>(List.of(token));
            mine.addAll(ids);
            List<ClaimedEnrolment> claimed = jdbc.query("SELECT " + RETURNING + " FROM journey_enrolment "
                    + "WHERE claim_token = ? AND id IN (" + placeholders(ids.size()) + ") ORDER BY id",
                    (rs, i) -> row(rs), mine.toArray());
            if (!claimed.isEmpty()) {
                mine.add(0, Timestamp.from(now));
                mine.add(0, ids(claimed));
                mine.add(0, token);
                jdbc.update("INSERT INTO journey_claim (claim_token, enrolment_ids, claimed_at, first_due, last_due) "
                        + "SELECT ?, ?, ?, MIN(next_run_at), MAX(next_run_at) FROM journey_enrolment "
                        + "WHERE claim_token = ? AND id IN (" + placeholders(ids.size()) + ")", mine.toArray());
            }
            return claimed;
        });
    }

    private static String ids(List<ClaimedEnrolment> claimed) {
        StringBuilder ids = new StringBuilder();
        for (ClaimedEnrolment e : claimed) {
            ids.append(ids.length() == 0 ? "" : ",").append(e.id());
        }
        return ids.toString();
    }

    /**
     * On PostgreSQL one statement claims the batch and begins the send steps of the
     * enrolments at one: their recipient rows (SENDING, under the claim token, for
     * contacts that may be mailed now and have not had this mail in this occurrence, see
     * SendStep) are written with their ids drawn first, so their message ids go in with
     * them, and come back with the claims. One statement and one commit instead of a
     * claim and a begin of their own; a crash after it leaves the begun sends to the
     * lease resolver, which finds them by their recipient rows. The claim's lease row
     * (journey_claim, with the enrolments' ids) is written by the same statement. The due
     * rows are taken by deleting them (rows another claim holds are skipped, rows it has
     * deleted are gone); the enrolments' update changes no indexed column. An enrolment
     * is claimed only if it is still waiting, unclaimed and due: a due row that says
     * otherwise (none is written so) is dropped, and never runs a step early.
     */
    private List<ClaimedEnrolment> claimAndBegin(String token, Instant now, int limit) {
        SegmentSql sendable = SegmentSql.of(SegmentDefinition.of(AudienceFilter.everyone()), dialect, now);
        String atSend = "s.journey_id = e.journey_id AND s.version = e.version AND s.position = e.position "
                + "AND s.kind = 'SEND'";
        List<Object> args = new ArrayList<>(List.of(Timestamp.from(now), limit, token, Timestamp.from(now),
                Timestamp.from(now), token, Timestamp.from(now), token, Timestamp.from(now), Timestamp.from(now)));
        args.addAll(sendable.args());
        List<ClaimedEnrolment> claimed = new ArrayList<>(jdbc.query("WITH taken AS (DELETE FROM journey_due "
                + "WHERE (next_run_at, enrolment_id) IN (" + DUE + " FOR UPDATE OF d SKIP LOCKED) "
                + "RETURNING enrolment_id), claimed AS (UPDATE journey_enrolment SET claim_token = ?, claimed_at = ? "
                + "WHERE id IN (SELECT enrolment_id FROM taken) AND status = 'WAITING' AND claim_token IS NULL "
                + "AND next_run_at <= ? " + "RETURNING " + RETURNING
                + ", occurrence, next_run_at), lease AS (INSERT INTO journey_claim "
                + "(claim_token, claimed_at, first_due, last_due, enrolment_ids) SELECT ?, ?, MIN(next_run_at), "
                + "MAX(next_run_at), string_agg(CAST(id AS TEXT), ',' ORDER BY id) FROM claimed "
                + "HAVING COUNT(*) > 0), begun AS (INSERT INTO campaign_recipient (id, campaign_id, contact_id, email, "
                + "occurrence, status, attempts, claim_token, claimed_at, created_at, lux_message_id) "
                + "SELECT n.id, n.campaign_id, n.contact_id, n.email, n.occurrence, 'SENDING', 1, ?, ?, ?, "
                + "'lux-c' || n.campaign_id || '-r' || n.id FROM (SELECT "
                + "nextval(pg_get_serial_sequence('campaign_recipient', 'id')) AS id, s.campaign_id, "
                + "c.id AS contact_id, c.email, e.occurrence FROM claimed e JOIN journey_step s ON " + atSend
                + " JOIN contact c ON c.id = e.contact_id WHERE " + sendable.where() + " ORDER BY e.id) n "
                + "ON CONFLICT DO NOTHING RETURNING id, campaign_id, contact_id, occurrence, email) "
                + "SELECT e.id, e.journey_id, e.version, e.contact_id, e.position, e.last_recipient_id, e.attempts, "
                + "e.claim_token, s.id, b.id, b.email FROM claimed e LEFT JOIN journey_step s ON " + atSend
                + " LEFT JOIN begun b ON b.campaign_id = s.campaign_id AND b.contact_id = e.contact_id "
                + "AND b.occurrence = e.occurrence",
                (rs, i) -> new ClaimedEnrolment(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getInt(5),
                        (Long) rs.getObject(6, Long.class), rs.getInt(7), rs.getString(8), rs.getObject(9) != null,
                        (Long) rs.getObject(10, Long.class), rs.getString(11)),
                args.toArray()));
        claimed.sort(Comparator.comparingLong(ClaimedEnrolment::id));
        return claimed;
    }

    private static ClaimedEnrolment row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ClaimedEnrolment(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getInt(5),
                (Long) rs.getObject(6, Long.class), rs.getInt(7), rs.getString(8));
    }

    /**
     * Writes the transitions in one transaction. Each enrolment changes only while this
     * claim still holds it; its step's run row is written (or, after a send, completed)
     * only then (a send's once, with its outcome), and so is its due row if it waits
     * again. Returns how many were applied.
     */
    int apply(List<Transition> transitions) {
        if (transitions.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (dialect == SqlDialect.POSTGRESQL) {
            return applyOnPostgres(transitions, now);
        }
        return tx.execute(s -> {
            List<Object[]> rows = new ArrayList<>(transitions.size());
            for (Transition t : transitions) {
                rows.add(new Object[] { t.status(), t.position(),
                        t.nextRunAt() == null ? null : Timestamp.from(t.nextRunAt()), t.attempts(),
                        "DONE".equals(t.status()) ? now : null, t.recipientId(), t.enrolment().id(),
                        t.enrolment().claimToken() });
            }
            Set<Long> changed = update(rows);
            List<Object[]> queued = new ArrayList<>();
            for (Transition t : transitions) {
                if (changed.contains(t.enrolment().id()) && "WAITING".equals(t.status())) {
                    queued.add(new Object[] { Timestamp.from(t.nextRunAt()), t.enrolment().id(),
                            t.enrolment().journeyId() });
                }
            }
            if (!queued.isEmpty()) {
                jdbc.batchUpdate("INSERT INTO journey_due (next_run_at, enrolment_id, journey_id) VALUES (?, ?, ?)",
                        queued);
            }
            List<Object[]> inserts = new ArrayList<>();
            int applied = 0;
            for (int i = 0; i < transitions.size(); i++) {
                if (!changed.contains(transitions.get(i).enrolment().id())) {
                    continue; // the lease ran out and the row is no longer this claim's
                }
                applied++;
                Transition t = transitions.get(i);
                if (!t.ran()) {
                    continue;
                }
                String detail = limit(t.detail());
                inserts.add(new Object[] { t.enrolment().id(), t.stepId(), t.outcome(), t.recipientId(), detail, now });
                if (t.alsoRan() != null) {
                    inserts.add(new Object[] { t.enrolment().id(), t.alsoRan().stepId(), t.alsoRan().outcome(), null,
                            t.alsoRan().detail(), now });
                }
            }
            insertRuns(inserts);
            return applied;
        });
    }

    /**
     * {@link #apply} on PostgreSQL in one statement: the enrolments' new state from
     * arrays by primary key, each only under its claim token (no indexed column changes:
     * a HOT update), a due row for each one that waits again, and the run rows of the
     * enrolments it changed (a send's with its outcome and recipient row, a plain wait
     * after it in the same write), instead of an UPDATE and an INSERT of their own.
     */
    private int applyOnPostgres(List<Transition> transitions, Timestamp now) {
        List<Object[]> rows = new ArrayList<>(transitions.size());
        for (Transition t : transitions) {
            Transition.Ran also = t.ran() ? t.alsoRan() : null;
            rows.add(new Object[] { t.status(), t.position(),
                    t.nextRunAt() == null ? null : Timestamp.from(t.nextRunAt()), t.attempts(),
                    "DONE".equals(t.status()) ? now : null, t.recipientId(), t.enrolment().id(),
                    t.enrolment().claimToken(), t.stepId(), t.outcome(), limit(t.detail()),
                    also == null ? null : also.stepId(), also == null ? null : also.outcome(),
                    also == null ? null : limit(also.detail()) });
        }
        String ranAt = now.toInstant().toString();
        return tx.execute(s -> jdbc.query(Unnest.of("WITH v AS (SELECT * FROM unnest(?::text[], ?::int[], ?::text[], "
                + "?::int[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], "
                + "?::bigint[], ?::text[], ?::text[]) AS v(status, position, next_at, attempts, finished, recipient, "
                + "id, token, step, outcome, detail, also_step, also_outcome, also_detail)), "
                + "u AS (UPDATE journey_enrolment e SET status = v.status, position = v.position, "
                + "next_run_at = CAST(v.next_at AS TIMESTAMP WITH TIME ZONE), attempts = v.attempts, "
                + "finished_at = CAST(v.finished AS TIMESTAMP WITH TIME ZONE), "
                + "last_recipient_id = COALESCE(v.recipient, e.last_recipient_id), claim_token = NULL FROM v "
                + "WHERE e.id = v.id AND e.claim_token = v.token RETURNING e.id, e.status, e.next_run_at, "
                + "e.journey_id), q AS (INSERT INTO journey_due (next_run_at, enrolment_id, journey_id) "
                + "SELECT u.next_run_at, u.id, u.journey_id FROM u WHERE u.status = 'WAITING'), "
                + "r AS (INSERT INTO journey_step_run (enrolment_id, step_id, outcome, recipient_id, detail, ran_at) "
                + "SELECT v.id, v.step, v.outcome, v.recipient, v.detail, CAST('" + ranAt
                + "' AS TIMESTAMP WITH TIME ZONE) FROM v JOIN u ON u.id = v.id WHERE v.step IS NOT NULL "
                + "UNION ALL SELECT v.id, v.also_step, v.also_outcome, NULL, v.also_detail, CAST('" + ranAt
                + "' AS TIMESTAMP WITH TIME ZONE) FROM v JOIN u ON u.id = v.id WHERE v.also_step IS NOT NULL) "
                + "SELECT COUNT(*) FROM u", rows, "text", "integer", "text", "integer", "text", "bigint", "bigint",
                "text", "bigint", "text", "text", "bigint", "text", "text"), rs -> {
                    rs.next();
                    return rs.getInt(1);
                }));
    }

    private static String limit(String detail) {
        return detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail;
    }

    /**
     * The enrolments' new state, each only under its claim token (set only while
     * RUNNING); the ids changed. A JDBC batch (H2, in process; PostgreSQL takes
     * {@link #applyOnPostgres}).
     */
    private Set<Long> update(List<Object[]> rows) {
        int[] changed = jdbc.batchUpdate("UPDATE journey_enrolment SET status = ?, position = ?, next_run_at = ?, "
                + "attempts = ?, finished_at = ?, last_recipient_id = COALESCE(?, last_recipient_id), "
                + "claim_token = NULL WHERE id = ? AND claim_token = ?", rows);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] > 0) {
                ids.add((Long) rows.get(i)[6]);
            }
        }
        return ids;
    }

    /**
     * Run rows of steps that ran, a send's with its outcome and recipient row (written
     * once, when the outcome is known).
     */
    private void insertRuns(List<Object[]> runs) {
        if (!runs.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO journey_step_run (enrolment_id, step_id, outcome, recipient_id, detail, "
                    + "ran_at) VALUES (?, ?, ?, ?, ?, ?)", runs);
        }
    }

    /**
     * The claim is over: every enrolment it held has been moved on or handed back (by the
     * worker, or by the resolver). Its lease row goes; one the worker could not delete is
     * found by the resolver when the lease ends, which then finds nothing left.
     */
    void release(String claimToken) {
        jdbc.update("DELETE FROM journey_claim WHERE claim_token = ?", claimToken);
    }

    /**
     * Enrolments still held by a claim older than {@code lease}: their worker died. A
     * send step that had begun may have reached the mailbox; its recipient row, written
     * in the step's campaign for the contact and occurrence when the send began (at or
     * after the claim), says so. It is recorded as unknown (the recipient row fails as
     * unknown like delivery's, the step's run row says UNKNOWN) and the contact moves on,
     * never mailed the same step twice. Any other step had written nothing, so it is
     * simply run again. A claim's enrolments are found through its lease row, which lists
     * their ids: those still WAITING with the claim's token are its (the others moved
     * on). They get their due row back, due now.
     */
    int resolveExpiredLeases(Duration lease) {
        Timestamp before = Timestamp.from(clock.instant().minus(lease));
        List<Object[]> expired = jdbc.query(
                "SELECT claim_token, enrolment_ids FROM journey_claim WHERE claimed_at < ? ORDER BY claimed_at",
                (rs, i) -> new Object[] { rs.getString(1), rs.getString(2) }, before);
        int resolved = 0;
        for (Object[] claim : expired) {
            resolved += resolve((String) claim[0], (String) claim[1]);
        }
        return resolved;
    }

    private int resolve(String token, String enrolmentIds) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object> ids = new ArrayList<>();
        if (enrolmentIds != null && !enrolmentIds.isBlank()) {
            for (String id : enrolmentIds.split(",")) {
                ids.add(Long.parseLong(id.trim()));
            }
        }
        // a lease row without its list (none is written so) finds its rows by token alone
        String mine = ids.isEmpty() ? "" : " AND id IN (" + placeholders(ids.size()) + ")";
        String held = "status = 'WAITING' AND claim_token = ?" + mine;
        List<Object> heldArgs = new ArrayList<>(List.of(token));
        heldArgs.addAll(ids);
        String begun = begunSends(ids.size());
        return tx.execute(s -> {
            if (jdbc.update("DELETE FROM journey_claim WHERE claim_token = ?", token) == 0) {
                return 0; // another resolver took it
            }
            jdbc.update(
                    "UPDATE campaign_recipient SET status = 'FAILED', claim_token = NULL, last_error = ? "
                            + "WHERE status = 'SENDING' AND id IN (SELECT r.id " + begun + ")",
                    args(heldArgs, "unknown outcome: " + UNKNOWN));
            jdbc.update("INSERT INTO journey_step_run (enrolment_id, step_id, outcome, recipient_id, detail, ran_at) "
                    + "SELECT e.id, s.id, 'UNKNOWN', r.id, ?, ? " + begun, args(heldArgs, UNKNOWN, now));
            jdbc.update("UPDATE journey_enrolment SET position = position + 1, last_recipient_id = ("
                    + "SELECT r.recipient_id FROM journey_step_run r JOIN journey_step s ON s.id = r.step_id "
                    + "WHERE r.enrolment_id = journey_enrolment.id AND s.position = journey_enrolment.position) "
                    + "WHERE " + held + " AND EXISTS (SELECT 1 FROM journey_step_run r "
                    + "JOIN journey_step s ON s.id = r.step_id WHERE r.enrolment_id = journey_enrolment.id "
                    + "AND s.position = journey_enrolment.position)", heldArgs.toArray());
            // due now again: the due rows first, while the token still marks the rows
            jdbc.update("INSERT INTO journey_due (next_run_at, enrolment_id, journey_id) SELECT ?, id, journey_id "
                    + "FROM journey_enrolment WHERE " + held, args(heldArgs, now));
            return jdbc.update("UPDATE journey_enrolment SET claim_token = NULL, next_run_at = ? WHERE " + held,
                    args(heldArgs, now));
        });
    }

    /**
     * {@code first}, then {@code rest}: a statement's own arguments before the claim's.
     */
    private static Object[] args(List<Object> rest, Object... first) {
        List<Object> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all.toArray();
    }

    /**
     * The begun sends of a claim: its enrolments (by token, and by id when
     * {@code enrolmentIds} > 0) joined to the recipient rows their send step wrote.
     * Parameters: the token, then the ids. The recipient row is found by its contact
     * (ix_campaign_recipient_contact: one row per campaign the contact was in); "+ 0"
     * keeps the planner off the campaign's key (campaign_id, email, occurrence): right
     * after a crash mid-send the statistics can still say the campaign is small, and it
     * then scanned every recipient of the campaign for each enrolment (minutes per claim
     * at 400,000 recipients).
     */
    static String begunSends(int enrolmentIds) {
        return "FROM journey_enrolment e JOIN journey_step s ON s.journey_id = e.journey_id "
                + "AND s.version = e.version AND s.position = e.position AND s.kind = 'SEND' "
                + "JOIN campaign_recipient r ON r.campaign_id + 0 = s.campaign_id AND r.contact_id = e.contact_id "
                + "AND r.occurrence = e.occurrence AND r.claimed_at >= e.claimed_at WHERE e.status = 'WAITING' "
                + "AND e.claim_token = ?"
                + (enrolmentIds > 0 ? " AND e.id IN (" + placeholders(enrolmentIds) + ")" : "");
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

}
