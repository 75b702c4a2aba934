package lux.stats;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lux.shared.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Engagement numbers for the bot, tools and console. Campaign figures come from the
 * campaign's counters and the tracking_rollup rows kept up to date as events arrive, so
 * their cost does not grow with the events.
 */
@Service
public class StatsService {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

    private final JdbcTemplate jdbc;

    StatsService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public CampaignStats campaign(long campaignId) {
        List<Map<String, Object>> rows = jdbc
            .queryForList("SELECT name, status, recipients_total, sent_count, failed_count, skipped_count "
                    + "FROM campaign WHERE id = ?", campaignId);
        if (rows.isEmpty()) {
            throw new NotFoundException("Campaign", campaignId);
        }
        Map<String, Object> c = rows.get(0);
        Map<String, Long> m = new HashMap<>();
        jdbc.query("SELECT metric, total FROM tracking_rollup WHERE campaign_id = ?", rs -> {
            m.put(rs.getString(1), rs.getLong(2));
        }, campaignId);
        long sent = num(c.get("sent_count"));
        long uOpenAny = get(m, "uopen.any");
        long uOpenHuman = get(m, "uopen.human");
        long uClickAny = get(m, "uclick.any");
        long uClickHuman = get(m, "uclick.human");
        CampaignStats.Engagement human = new CampaignStats.Engagement(get(m, "open.human"), uOpenHuman,
                get(m, "click.human"), uClickHuman);
        CampaignStats.Engagement machine = new CampaignStats.Engagement(get(m, "open.machine"), uOpenAny - uOpenHuman,
                get(m, "click.machine"), uClickAny - uClickHuman);
        return new CampaignStats(campaignId, (String) c.get("name"), ((String) c.get("status")).toLowerCase(),
                num(c.get("recipients_total")), sent, num(c.get("failed_count")), num(c.get("skipped_count")), human,
                machine, uOpenAny, uClickAny, get(m, "unsubscribe"), rate(uOpenHuman, sent), rate(uClickHuman, sent),
                rate(uClickHuman, uOpenHuman), links(campaignId, m), timeline(m), deliverability(sent, m));
    }

    /** Several campaigns side by side, in the order asked. */
    @Transactional(readOnly = true)
    public List<CampaignStats> compare(List<Long> campaignIds) {
        return campaignIds.stream().map(this::campaign).toList();
    }

    /**
     * Human engagement of one contact across every campaign it received; score weighs
     * clicks over opens.
     */
    @Transactional(readOnly = true)
    public ContactEngagement contact(long contactId) {
        Map<String, Object> r = jdbc.queryForMap(
                "SELECT COUNT(*) AS received, COUNT(human_open_at) AS opened, " + "COUNT(human_click_at) AS clicked "
                        + "FROM campaign_recipient WHERE contact_id = ? AND status = 'SENT'",
                contactId);
        long received = num(r.get("received"));
        long opened = num(r.get("opened"));
        long clicked = num(r.get("clicked"));
        int score = received == 0 ? 0
                : (int) Math.round(Math.min(100.0, 100.0 * (opened + 2.0 * clicked) / (3.0 * received)));
        Instant last = latest(
                jdbc.queryForObject("SELECT MAX(human_open_at) FROM campaign_recipient WHERE contact_id = ?",
                        Timestamp.class, contactId),
                jdbc.queryForObject("SELECT MAX(human_click_at) FROM campaign_recipient WHERE contact_id = ?",
                        Timestamp.class, contactId));
        return new ContactEngagement(contactId, received, opened, clicked, score, last);
    }

    private static CampaignStats.Deliverability deliverability(long accepted, Map<String, Long> m) {
        long hard = get(m, "bounce.hard");
        long soft = get(m, "bounce.soft");
        return new CampaignStats.Deliverability(accepted, hard, soft, Math.max(0, accepted - hard - soft),
                get(m, "reply"), get(m, "autoreply"), rate(hard + soft, accepted), rate(hard, accepted));
    }

    private List<CampaignStats.LinkClicks> links(long campaignId, Map<String, Long> m) {
        List<CampaignStats.LinkClicks> links = new ArrayList<>();
        jdbc.query("SELECT id, url FROM campaign_link WHERE campaign_id = ? ORDER BY id", rs -> {
            long id = rs.getLong(1);
            links.add(new CampaignStats.LinkClicks(id, rs.getString(2), get(m, "link." + id + ".human"),
                    get(m, "link." + id + ".machine")));
        }, campaignId);
        links.sort((a, b) -> Long.compare(b.humanClicks(), a.humanClicks()));
        return links;
    }

    private static List<CampaignStats.HourlyPoint> timeline(Map<String, Long> m) {
        TreeMap<String, long[]> hours = new TreeMap<>();
        m.forEach((metric, n) -> {
            if (metric.startsWith("hour.")) {
                String[] p = metric.split("\\.");
                long[] v = hours.computeIfAbsent(p[1], k -> new long[4]);
                v[("open".equals(p[2]) ? 0 : 2) + ("human".equals(p[3]) ? 0 : 1)] += n;
            }
        });
        List<CampaignStats.HourlyPoint> points = new ArrayList<>();
        hours.forEach((hour, v) -> points.add(new CampaignStats.HourlyPoint(
                LocalDateTime.parse(hour, HOUR).toInstant(ZoneOffset.UTC), v[0], v[1], v[2], v[3])));
        return points;
    }

    private static Instant latest(Timestamp a, Timestamp b) {
        if (a == null) {
            return b == null ? null : b.toInstant();
        }
        return b == null || a.after(b) ? a.toInstant() : b.toInstant();
    }

    private static long get(Map<String, Long> m, String key) {
        return m.getOrDefault(key, 0L);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10000.0 * part / whole) / 10000.0;
    }

}
