package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A journey step's transition writes no index entry either (after V132's claim). The due
 * index of journey_enrolment held its status and due time, both of which every transition
 * changes, so each one was a full new row version with an entry in all four of the
 * table's indexes. The due order moves to a table of its own, journey_due: one row per
 * enrolment that waits unclaimed (its due time, id and journey), under one index. A claim
 * deletes the due rows it takes (whoever deletes a row has it: the exclusive part of the
 * claim), a transition to WAITING writes a new one; the enrolment row changes no indexed
 * column in either and is written as a heap-only (HOT) update. The enrolment keeps its
 * status and due time (read by the stats), unindexed.
 * <p>
 * A claim's lease row lists its enrolments' ids, so the resolver finds a dead worker's
 * enrolments by primary key (the due index it used is gone). Claims in flight at the
 * upgrade get the list here.
 * <p>
 * journey_step_run loses its foreign keys to the step and to the recipient row, and the
 * index that served the second: each was a lookup and a row lock per run row (two run
 * rows per contact and send, and the lock on the one step row taken by every concurrent
 * batch). Nothing needs them: steps go only with their journey, whose enrolments take
 * their run rows with them (that key stays), and a recipient row a run row points at is
 * never deleted by the journey engine (a deleted step campaign leaves a number the stats'
 * outer join finds nothing for). Exactly-once stays with the primary key (enrolment,
 * step). Java, because the foreign keys are named differently by H2 and PostgreSQL.
 */
public class V134__journey_due_queue extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE journey_due (next_run_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "enrolment_id BIGINT NOT NULL, journey_id BIGINT NOT NULL, "
                    + "CONSTRAINT pk_journey_due PRIMARY KEY (next_run_at, enrolment_id))");
            s.execute("INSERT INTO journey_due (next_run_at, enrolment_id, journey_id) "
                    + "SELECT next_run_at, id, journey_id FROM journey_enrolment "
                    + "WHERE status = 'WAITING' AND claim_token IS NULL AND next_run_at IS NOT NULL");
            s.execute("ALTER TABLE journey_claim ADD COLUMN enrolment_ids "
                    + (postgres ? "TEXT" : "CHARACTER VARYING(1000000)"));
            s.execute("DROP INDEX ix_journey_enrolment_due");
            s.execute("DROP INDEX ix_journey_step_run_recipient");
        }
        // the claims in flight: their enrolments' ids, in id order
        Map<String, StringBuilder> held = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT claim_token, id FROM journey_enrolment "
                        + "WHERE claim_token IS NOT NULL ORDER BY claim_token, id")) {
            while (rs.next()) {
                StringBuilder ids = held.computeIfAbsent(rs.getString(1), k -> new StringBuilder());
                ids.append(ids.length() == 0 ? "" : ",").append(rs.getLong(2));
            }
        }
        try (PreparedStatement p = c
            .prepareStatement("UPDATE journey_claim SET enrolment_ids = ? WHERE claim_token = ?")) {
            for (Map.Entry<String, StringBuilder> e : held.entrySet()) {
                p.setString(1, e.getValue().toString());
                p.setString(2, e.getKey());
                p.addBatch();
            }
            if (!held.isEmpty()) {
                p.executeBatch();
            }
        }
        ForeignKeys.drop(c, "journey_step_run", List.of("step_id"), 1);
        ForeignKeys.drop(c, "journey_step_run", List.of("recipient_id"), 1);
    }

}
