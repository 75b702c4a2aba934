package lux.stats;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Segments the audience from real data (tags, engagement, domains, suppressions) and
 * derives recommendations.
 */
@Component
public class AudienceAnalyser {

    static final int ACTIVE_DAYS = 90;

    private static final String TAGGED = " AND c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE t.name = ?)";

    private final JdbcTemplate jdbc;

    private final ContactService contacts;

    private final Clock clock;

    AudienceAnalyser(JdbcTemplate jdbc, ContactService contacts, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** {@code tag} null or blank = every contact. */
    @Transactional(readOnly = true)
    public AudienceAnalysis analyse(String tag) {
        String scopeTag = tag == null || tag.isBlank() ? null : lux.contacts.Tag.normalise(tag);
        if (scopeTag != null) {
            contacts.requireKnownTags(AudienceFilter.anyOf(scopeTag));
        }
        String filter = scopeTag == null ? "" : TAGGED;
        Object[] args = scopeTag == null ? new Object[0] : new Object[] { scopeTag };

        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("SELECT c.status, COUNT(*) FROM contact c WHERE 1 = 1" + filter
                + " GROUP BY c.status ORDER BY c.status", rs -> {
                    byStatus.put(rs.getString(1).toLowerCase(), rs.getLong(2));
                }, args);
        long active = byStatus.getOrDefault("active", 0L);

        Map<String, Long> topTags = new LinkedHashMap<>();
        jdbc.query(
                "SELECT t.name, COUNT(*) AS n FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id JOIN contact c ON c.id = ct.contact_id "
                        + "WHERE c.status = 'ACTIVE'" + filter + " GROUP BY t.name ORDER BY n DESC, t.name LIMIT 10",
                rs -> {
                    topTags.put(rs.getString(1), rs.getLong(2));
                }, args);

        Map<String, Long> topDomains = new LinkedHashMap<>();
        jdbc.query(
                "SELECT SUBSTRING(c.email FROM POSITION('@' IN c.email) + 1) AS domain, COUNT(*) AS n FROM contact c "
                        + "WHERE c.status = 'ACTIVE'" + filter
                        + " GROUP BY SUBSTRING(c.email FROM POSITION('@' IN c.email) + 1) "
                        + "ORDER BY n DESC, domain LIMIT 8",
                rs -> {
                    topDomains.put(rs.getString(1), rs.getLong(2));
                }, args);

        Instant since = clock.instant().minus(Duration.ofDays(ACTIVE_DAYS));
        long[] engagement = new long[5];
        jdbc.query("SELECT c.id, COUNT(DISTINCT r.id) AS mails, "
                + "MAX(CASE WHEN e.machine = FALSE THEN e.occurred_at END) AS last_human, "
                + "SUM(CASE WHEN e.machine = TRUE AND e.kind = 'OPEN' THEN 1 ELSE 0 END) AS machine_opens "
                + "FROM contact c LEFT JOIN campaign_recipient r ON r.contact_id = c.id AND r.status = 'SENT' "
                + "LEFT JOIN tracking_event e ON e.recipient_id = r.id AND e.kind IN ('OPEN', 'CLICK') "
                + "WHERE c.status = 'ACTIVE'" + filter + " GROUP BY c.id", rs -> {
                    long mails = rs.getLong("mails");
                    Timestamp lastHuman = rs.getTimestamp("last_human");
                    long machineOpens = rs.getLong("machine_opens");
                    if (mails == 0) {
                        engagement[3]++;
                    }
                    else if (lastHuman == null) {
                        engagement[2]++;
                        if (machineOpens > 0) {
                            engagement[4]++;
                        }
                    }
                    else if (lastHuman.toInstant().isAfter(since)) {
                        engagement[0]++;
                    }
                    else {
                        engagement[1]++;
                    }
                }, args);

        long suppressedAddresses = countSuppressed("SELECT COUNT(*) FROM contact c WHERE c.status = 'ACTIVE'" + filter
                + " AND LOWER(c.email) IN (SELECT entry FROM suppression WHERE kind = 'ADDRESS')", args);
        long suppressedDomains = countSuppressed("SELECT COUNT(*) FROM contact c WHERE c.status = 'ACTIVE'" + filter
                + " AND SUBSTRING(c.email FROM POSITION('@' IN c.email) + 1) IN (SELECT entry FROM suppression WHERE kind = 'DOMAIN')",
                args);

        List<String> advice = recommendations(active, engagement, topDomains, suppressedAddresses + suppressedDomains,
                topTags);
        return new AudienceAnalysis(scopeTag == null ? "all contacts" : "contacts tagged " + scopeTag, active, byStatus,
                topTags, engagement[0], engagement[1], engagement[2], engagement[3], engagement[4], ACTIVE_DAYS,
                topDomains, suppressedAddresses, suppressedDomains, advice);
    }

    private long countSuppressed(String sql, Object[] args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static List<String> recommendations(long active, long[] e, Map<String, Long> domains, long suppressed,
            Map<String, Long> tags) {
        List<String> advice = new ArrayList<>();
        if (active == 0) {
            advice.add("There are no active contacts here yet: add or import contacts before building a campaign.");
            return advice;
        }
        long mailed = active - e[3];
        if (e[3] > 0) {
            advice.add(e[3] + " contacts have never been mailed: start with a welcome message before promotions.");
        }
        if (mailed > 0 && e[1] * 100 / Math.max(1, mailed) >= 20) {
            advice.add(e[1] + " contacts are lapsing (no open or click in " + ACTIVE_DAYS
                    + " days): send them a re-engagement campaign with a clear reason to stay.");
        }
        if (mailed > 0 && e[2] * 100 / Math.max(1, mailed) >= 30) {
            advice.add(e[2] + " mailed contacts never opened: test a shorter, more specific subject line, "
                    + "and consider removing those who ignore several mails.");
        }
        if (e[4] > 0) {
            advice.add(e[4] + " contacts only show machine opens (mail security scanners or privacy proxies): "
                    + "judge them by clicks, not opens.");
        }
        if (!domains.isEmpty()) {
            Map.Entry<String, Long> top = domains.entrySet().iterator().next();
            if (top.getValue() * 100 / active >= 40) {
                advice.add(top.getValue() * 100 / active + "% of addresses are at " + top.getKey()
                        + ": spread large sends over time so that provider does not throttle you.");
            }
        }
        if (suppressed > 0) {
            advice.add(suppressed + " active contacts are on the suppression list and will be skipped automatically.");
        }
        if (tags.isEmpty()) {
            advice.add(
                    "No contact has a tag: tag contacts (for example by interest or customer status) to target campaigns.");
        }
        if (advice.isEmpty()) {
            advice.add("The audience looks healthy: keep sending at a steady rhythm.");
        }
        return advice;
    }

}
