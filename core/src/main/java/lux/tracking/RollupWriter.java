package lux.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lux.shared.SqlDialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds to the per-campaign counters stats read; rows are touched in key order so two
 * instances never deadlock.
 */
@Component
public class RollupWriter {

    private final JdbcTemplate jdbc;

    private final String upsert;

    RollupWriter(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.upsert = dialect == SqlDialect.POSTGRESQL
                ? "INSERT INTO tracking_rollup (campaign_id, metric, total) VALUES (?, ?, ?) "
                        + "ON CONFLICT (campaign_id, metric) DO UPDATE SET total = tracking_rollup.total + EXCLUDED.total"
                : "MERGE INTO tracking_rollup t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(80)), CAST(? AS BIGINT))) s (c, m, n) "
                        + "ON t.campaign_id = s.c AND t.metric = s.m WHEN MATCHED THEN UPDATE SET total = t.total + s.n "
                        + "WHEN NOT MATCHED THEN INSERT (campaign_id, metric, total) VALUES (s.c, s.m, s.n)";
    }

    /** Must run inside the caller's transaction, with the events the counts describe. */
    void add(Map<Long, Map<String, Long>> countsByCampaign) {
        List<Object[]> rows = new ArrayList<>();
        new TreeMap<>(countsByCampaign).forEach((campaign, counts) -> new TreeMap<>(counts)
            .forEach((metric, n) -> rows.add(new Object[] { campaign, metric, n })));
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(upsert, rows);
        }
    }

    /**
     * Adds {@code n} to one counter; inside the caller's transaction (the mailbox reader
     * counts bounces and replies here).
     */
    public void add(long campaignId, String metric, long n) {
        add(Map.of(campaignId, Map.of(metric, n)));
    }

}
