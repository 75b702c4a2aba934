package lux.abtests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ab_test and ab_test_variant rows, and the per-variant counts read from the test
 * campaign's recipients. Every change of status is a conditional UPDATE, so of two
 * instances only one moves a test on.
 */
@Component
class AbTestStore {

    private static final String COLUMNS = "id, campaign_id, test_percent, metric, wait_minutes, decide_mode, seed, "
            + "status, test_size, decide_at, winner_variant, winner_campaign_id, verdict, decided_by, decided_at, "
            + "results_digest";

    private final JdbcTemplate jdbc;

    AbTestStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, long campaignId, int testPercent, AbMetric metric, int waitMinutes, AbMode mode, long seed,
            AbTestStatus status, int testSize, Instant decideAt, Integer winnerVariant, Long winnerCampaignId,
            String verdict, String decidedBy, Instant decidedAt, String resultsDigest) {
    }

    /** A variant as stored: its own body only when it has one (null: the campaign's). */
    record VariantRow(int variant, String subject, Long templateId, String htmlBody, String textBody) {
    }

    long insert(long campaignId, int testPercent, AbMetric metric, int waitMinutes, AbMode mode, long seed,
            Long createdBy, Instant now) {
        jdbc.update(
                "INSERT INTO ab_test (campaign_id, test_percent, metric, wait_minutes, decide_mode, seed, status, "
                        + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 'SETUP', ?, ?)",
                campaignId, testPercent, metric.name(), waitMinutes, mode.name(), seed, createdBy, Timestamp.from(now));
        return jdbc.queryForObject("SELECT id FROM ab_test WHERE campaign_id = ?", Long.class, campaignId);
    }

    void insertVariant(long testId, VariantRow v) {
        jdbc.update(
                "INSERT INTO ab_test_variant (ab_test_id, variant, subject, template_id, html_body, text_body) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                testId, v.variant(), v.subject(), v.templateId(), v.htmlBody(), v.textBody());
    }

    /** Removes a test still being set up (a new set-up replaces it). */
    int deleteSetup(long campaignId) {
        return jdbc.update("DELETE FROM ab_test WHERE campaign_id = ? AND status = 'SETUP'", campaignId);
    }

    Optional<Row> byCampaign(long campaignId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ab_test WHERE campaign_id = ?", AbTestStore::row, campaignId)
            .stream()
            .findFirst();
    }

    Optional<Row> byId(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ab_test WHERE id = ?", AbTestStore::row, id)
            .stream()
            .findFirst();
    }

    /**
     * The test that campaign {@code campaignId} is the test send or the winner send of.
     */
    Optional<Row> byTestOrWinnerCampaign(long campaignId) {
        return jdbc
            .query("SELECT " + COLUMNS + " FROM ab_test WHERE campaign_id = ? OR winner_campaign_id = ?",
                    AbTestStore::row, campaignId, campaignId)
            .stream()
            .findFirst();
    }

    List<VariantRow> variants(long testId) {
        return jdbc.query(
                "SELECT variant, subject, template_id, html_body, text_body FROM ab_test_variant WHERE ab_test_id = ? "
                        + "ORDER BY variant",
                (rs, i) -> new VariantRow(rs.getInt(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
                        rs.getString(4), rs.getString(5)),
                testId);
    }

    /**
     * Per variant of the test campaign: recipients sent, human openers (a human click
     * counts as an open) and human clickers, one GROUP BY over the test share. Variants
     * without a sent recipient yet count zero.
     */
    List<AbStatistics.Counts> counts(long campaignId, int variants) {
        long[][] n = new long[variants][3];
        jdbc.query("SELECT variant, COUNT(*), "
                + "SUM(CASE WHEN human_open_at IS NOT NULL OR human_click_at IS NOT NULL THEN 1 ELSE 0 END), "
                + "COUNT(human_click_at) FROM campaign_recipient WHERE campaign_id = ? AND status = 'SENT' "
                + "AND variant IS NOT NULL GROUP BY variant", rs -> {
                    int v = rs.getInt(1);
                    if (v >= 0 && v < variants) {
                        n[v] = new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) };
                    }
                }, campaignId);
        List<AbStatistics.Counts> counts = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            counts.add(new AbStatistics.Counts(v, n[v][0], n[v][1], n[v][2]));
        }
        return counts;
    }

    /**
     * Tests whose wait is over and whose test send is over (sent, failed or cancelled):
     * ready for a decision.
     */
    List<Long> due(Instant now) {
        return jdbc.queryForList("SELECT t.id FROM ab_test t JOIN campaign c ON c.id = t.campaign_id "
                + "WHERE t.status = 'TESTING' AND t.decide_at <= ? AND c.status IN ('SENT', 'FAILED', 'CANCELLED') "
                + "ORDER BY t.id", Long.class, Timestamp.from(now));
    }

    /** Tests whose results people are watching. */
    List<Row> live() {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM ab_test WHERE status IN ('TESTING', 'AWAITING_CHOICE') " + "ORDER BY id",
                AbTestStore::row);
    }

    /** SETUP to TESTING once the test share is chosen; false when already testing. */
    /**
     * The test share's size, worked out from the whole audience before the share alone is
     * materialised; kept until the test starts.
     */
    void planSize(long id, int testSize) {
        jdbc.update("UPDATE ab_test SET test_size = ? WHERE id = ? AND status = 'SETUP'", testSize, id);
    }

    boolean startTesting(long id, int testSize, Instant decideAt) {
        return jdbc.update("UPDATE ab_test SET status = 'TESTING', test_size = ?, decide_at = ? "
                + "WHERE id = ? AND status = 'SETUP'", testSize, Timestamp.from(decideAt), id) == 1;
    }

    /**
     * Moves a test from one of {@code from} to {@code to} with the verdict of the moment:
     * the claim that makes a decision happen once, whichever instance gets there first.
     */
    boolean claim(long id, List<AbTestStatus> from, AbTestStatus to, String verdict, String decidedBy, Instant now) {
        String in = String.join(", ", from.stream().map(s -> "'" + s.name() + "'").toList());
        return jdbc.update(
                "UPDATE ab_test SET status = ?, verdict = ?, decided_by = ?, decided_at = ? "
                        + "WHERE id = ? AND status IN (" + in + ")",
                to.name(), limit(verdict), decidedBy, Timestamp.from(now), id) == 1;
    }

    void setWinner(long id, int variant, Long winnerCampaignId) {
        jdbc.update("UPDATE ab_test SET winner_variant = ?, winner_campaign_id = ? WHERE id = ?", variant,
                winnerCampaignId, id);
    }

    void appendVerdict(long id, String more) {
        byId(id).ifPresent(r -> jdbc.update("UPDATE ab_test SET verdict = ? WHERE id = ?",
                limit((r.verdict() == null ? "" : r.verdict() + " ") + more), id));
    }

    /**
     * Stores the digest of the results people last saw; true when it changed (then they
     * are told), once across instances.
     */
    boolean resultsChanged(long id, String previous, String digest) {
        if (digest.equals(previous)) {
            return false;
        }
        return jdbc.update(
                "UPDATE ab_test SET results_digest = ? WHERE id = ? AND "
                        + (previous == null ? "results_digest IS NULL" : "results_digest = ?"),
                previous == null ? new Object[] { digest, id } : new Object[] { digest, id, previous }) == 1;
    }

    private static String limit(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        Timestamp decideAt = rs.getTimestamp("decide_at");
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new Row(rs.getLong("id"), rs.getLong("campaign_id"), rs.getInt("test_percent"),
                AbMetric.valueOf(rs.getString("metric")), rs.getInt("wait_minutes"),
                AbMode.valueOf(rs.getString("decide_mode")), rs.getLong("seed"),
                AbTestStatus.valueOf(rs.getString("status")), rs.getInt("test_size"),
                decideAt == null ? null : decideAt.toInstant(), (Integer) rs.getObject("winner_variant", Integer.class),
                (Long) rs.getObject("winner_campaign_id", Long.class), rs.getString("verdict"),
                rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant(),
                rs.getString("results_digest"));
    }

}
