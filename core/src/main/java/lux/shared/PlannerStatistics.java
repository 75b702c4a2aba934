package lux.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings PostgreSQL's planner statistics up to date before a set-based statement over
 * rows that may have just arrived in bulk (an import, a bulk tag): with stale statistics
 * the planner takes a big table for an empty one and picks nested loops that run for
 * minutes (a campaign's audience of 20,000; a journey enrolling 50,000 contacts per
 * window). ANALYZE inside a transaction sees that transaction's own new rows. H2 needs
 * nothing.
 */
@Component
public class PlannerStatistics {

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcTemplate jdbc;

    private final SqlDialect dialect;

    public PlannerStatistics(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * ANALYZE each table on PostgreSQL; a user that may not (not the owner) keeps the
     * current statistics.
     */
    public void refresh(String... tables) {
        if (dialect != SqlDialect.POSTGRESQL) {
            return;
        }
        for (String table : tables) {
            try {
                jdbc.execute("ANALYZE " + table);
            }
            catch (RuntimeException e) {
                log.debug("ANALYZE {} not possible: {}", table, e.getMessage());
            }
        }
    }

}
