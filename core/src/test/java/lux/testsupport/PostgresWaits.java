package lux.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stages a race on PostgreSQL for real: the id of a second, open transaction, and a wait
 * until some statement is blocked behind it (the server is shared: only that
 * transaction's lock counts).
 */
public final class PostgresWaits {

    private PostgresWaits() {
    }

    /** The id of the transaction open on {@code c} (started by this call if none). */
    public static long xid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT txid_current() % 4294967296")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Until a statement waits for transaction {@code xid}; fails with {@code what} after
     * 30 s.
     */
    public static void awaitWaitingFor(JdbcTemplate jdbc, long xid, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Long waiting = jdbc
                .queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' "
                        + "AND transactionid::text::bigint = ?", Long.class, xid);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(what + " never waited for the other transaction");
    }

}
