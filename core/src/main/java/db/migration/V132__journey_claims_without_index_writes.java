package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A journey step engine's claim writes no index entry. Until now a claim set an
 * enrolment's status to RUNNING: status is a column of two indexes (due, lease), so every
 * claim was a full new row version with an entry in all five of the table's indexes, and
 * so was the step's outcome after it (two per contact and send; at a million contacts
 * most of the database's work). From here a claim sets only the claim token and time,
 * which no index holds, and the enrolment stays WAITING (a set token marks it claimed):
 * PostgreSQL writes that as a heap-only (HOT) update when the row's page has room, which
 * a lower fillfactor leaves it. The lease is kept per claim in journey_claim (its time,
 * and the due times of its first and last enrolment, which a claim does not change: the
 * resolver finds a dead worker's enrolments in that range of the due index), so the lease
 * index on (status, claimed_at) goes. Enrolments a stopped instance left RUNNING become
 * WAITING under their claim's token, with a lease row each claim. Java, because the
 * fillfactor is PostgreSQL's alone (H2 has no such setting).
 */
public class V132__journey_claims_without_index_writes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE journey_claim (claim_token VARCHAR(40) PRIMARY KEY, "
                    + "claimed_at TIMESTAMP WITH TIME ZONE NOT NULL, first_due TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "last_due TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("UPDATE journey_enrolment SET next_run_at = COALESCE(next_run_at, claimed_at, enrolled_at) "
                    + "WHERE status = 'RUNNING'");
            s.execute("INSERT INTO journey_claim (claim_token, claimed_at, first_due, last_due) "
                    + "SELECT claim_token, COALESCE(MIN(claimed_at), MIN(enrolled_at)), MIN(next_run_at), "
                    + "MAX(next_run_at) FROM journey_enrolment WHERE status = 'RUNNING' AND claim_token IS NOT NULL "
                    + "GROUP BY claim_token");
            s.execute("UPDATE journey_enrolment SET status = 'WAITING' WHERE status = 'RUNNING'");
            s.execute("DROP INDEX ix_journey_enrolment_lease");
            if (postgres) {
                // room on each page for a claimed copy of its rows (pages written from
                // here on; existing full pages get it as they are rewritten)
                s.execute("ALTER TABLE journey_enrolment SET (fillfactor = 50)");
            }
        }
    }

}
