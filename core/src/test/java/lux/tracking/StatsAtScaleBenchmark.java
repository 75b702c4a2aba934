package lux.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.stats.CampaignStats;
import lux.stats.StatsService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stats at scale (not a test; run by bench/stats-benchmark.sh on PostgreSQL): one
 * campaign with EVENTS opens and clicks, then StatsService.campaign/compare/contact timed
 * over RUNS calls each.
 *
 * <p>
 * How the data is made: contacts and the campaign's recipients (status SENT, one sent_at)
 * are inserted with generate_series, because sending 200,000 mails through the outbox is
 * not what is measured here. Every open and click then goes through the real capture
 * path, EventWriter.submit (buffer, machine rules, COPY into tracking_event,
 * first-open/first-click columns, rollup counters), with times rising over 30 days after
 * delivery (most in the first days) so the hourly timeline has 720 points. Afterwards the
 * rollups are checked against COUNTs over tracking_event and campaign_recipient, so the
 * fast numbers are also the right ones.
 */
public final class StatsAtScaleBenchmark {

    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)",
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
            "Mimecast Link Scanner" };

    private StatsAtScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(System.getProperty("events", "10000000"));
        int recipients = Integer.parseInt(System.getProperty("recipients", "200000"));
        int runs = Integer.parseInt(System.getProperty("runs", "50"));
        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("logging.level.root", "WARN");
        props.put("spring.datasource.hikari.maximum-pool-size", "4");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CoreTestApplication.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            System.out.println(
                    "database: " + TestDatabase.name() + " " + jdbc.queryForObject("SELECT version()", String.class));
            Instant sent = Instant.parse("2026-10-01T08:00:00Z");
            long campaign = campaign(ctx, jdbc, "scale", recipients, sent);
            long small = campaign(ctx, jdbc, "small", 1000, sent);
            long[] recipientIds = jdbc
                .queryForList("SELECT id FROM campaign_recipient WHERE campaign_id = ? ORDER BY id", Long.class,
                        campaign)
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
            LinkRegistry links = ctx.getBean(LinkRegistry.class);
            long[] linkIds = new long[5];
            for (int i = 0; i < linkIds.length; i++) {
                linkIds[i] = links.idFor(campaign, "https://example.com/page/" + i);
            }

            EventWriter writer = ctx.getBean(EventWriter.class);
            SplittableRandom random = new SplittableRandom(42);
            long started = System.nanoTime();
            for (long i = 0; i < events; i++) {
                // a skewed audience: a fifth of the recipients produce most of the
                // engagement
                int r = random.nextInt(10) < 7 ? random.nextInt(recipientIds.length / 5)
                        : random.nextInt(recipientIds.length);
                boolean click = random.nextInt(10) < 3;
                // hits arrive in time order, as they do live: most in the first days, a
                // tail over the month
                Instant at = sent
                    .plusMillis(3_000 + (long) (Math.pow((double) i / events, 3) * Duration.ofDays(30).toMillis()));
                writer.submit(new Hit(click ? EventKind.CLICK : EventKind.OPEN, campaign, recipientIds[r],
                        click ? linkIds[random.nextInt(linkIds.length)] : null, at,
                        AGENTS[random.nextInt(AGENTS.length)]));
                if ((i + 1) % 1_000_000 == 0) {
                    System.out.printf("  %,d events submitted, %.0f s%n", i + 1, (System.nanoTime() - started) / 1e9);
                }
            }
            writer.flush();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("fed %,d events through EventWriter in %.0f s (%,.0f events/s)%n", events, seconds,
                    events / seconds);
            jdbc.execute("ANALYZE");

            verify(jdbc, campaign, events);
            StatsService stats = ctx.getBean(StatsService.class);
            long contact = jdbc.queryForObject("SELECT contact_id FROM campaign_recipient WHERE id = ?", Long.class,
                    recipientIds[0]);
            CampaignStats s = stats.campaign(campaign);
            System.out.printf(
                    "campaign stats: sent %,d, human opens %,d (unique %,d), machine opens %,d, human clicks %,d (unique %,d), "
                            + "machine clicks %,d, %d timeline hours, %d links%n",
                    s.sent(), s.human().opens(), s.human().uniqueOpens(), s.machine().opens(), s.human().clicks(),
                    s.human().uniqueClicks(), s.machine().clicks(), s.timeline().size(), s.links().size());
            time("StatsService.campaign (10M-event campaign)", runs, () -> stats.campaign(campaign));
            time("StatsService.compare (it and a 1,000-recipient campaign)", runs,
                    () -> stats.compare(List.of(campaign, small)));
            time("StatsService.contact (a contact of it)", runs, () -> stats.contact(contact));
        }
    }

    private static long campaign(ConfigurableApplicationContext ctx, JdbcTemplate jdbc, String name, int recipients,
            Instant sent) {
        long template = ctx.getBean(TemplateService.class)
            .create(new TemplateContent(name + " " + System.nanoTime(), "Hi",
                    "<p><a href=\"https://example.com/\">x</a></p>", null), Actor.system())
            .id();
        long id = ctx.getBean(CampaignService.class)
            .create(new NewCampaign(name, template, null, AudienceFilter.everyone()), Actor.system())
            .id();
        jdbc.update(
                "INSERT INTO contact (email, attributes, status, created_at, updated_at, version) "
                        + "SELECT ? || g || '@example.net', '{}', 'ACTIVE', ?, ?, 0 FROM generate_series(1, ?) g",
                name + id + ".", java.sql.Timestamp.from(sent), java.sql.Timestamp.from(sent), recipients);
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, sent_at, created_at) "
                        + "SELECT ?, c.id, c.email, 'SENT', 1, ?, ? FROM contact c WHERE c.email LIKE ?",
                id, java.sql.Timestamp.from(sent), java.sql.Timestamp.from(sent), name + id + ".%");
        jdbc.update(
                "UPDATE campaign SET status = 'SENT', recipients_total = ?, sent_count = ?, started_at = ?, finished_at = ? WHERE id = ?",
                recipients, recipients, java.sql.Timestamp.from(sent), java.sql.Timestamp.from(sent), id);
        return id;
    }

    /** The counters must equal what a scan says: totals, uniques, per link, per hour. */
    private static void verify(JdbcTemplate jdbc, long campaign, long events) {
        Map<String, Long> m = new HashMap<>();
        jdbc.query("SELECT metric, total FROM tracking_rollup WHERE campaign_id = ?", rs -> {
            m.put(rs.getString(1), rs.getLong(2));
        }, campaign);
        List<String> checks = new ArrayList<>();
        check(checks, "rows in tracking_event", events,
                count(jdbc, "SELECT COUNT(*) FROM tracking_event WHERE campaign_id = ?", campaign));
        for (String kind : List.of("OPEN", "CLICK")) {
            String k = kind.toLowerCase();
            for (boolean machine : List.of(false, true)) {
                check(checks, k + (machine ? ".machine" : ".human"),
                        m.getOrDefault(k + (machine ? ".machine" : ".human"), 0L),
                        count(jdbc, "SELECT COUNT(*) FROM tracking_event WHERE campaign_id = ? AND kind = '" + kind
                                + "' AND machine = " + machine, campaign));
            }
        }
        for (String[] u : new String[][] { { "uopen.any", "first_open_at" }, { "uopen.human", "human_open_at" },
                { "uclick.any", "first_click_at" }, { "uclick.human", "human_click_at" } }) {
            check(checks, u[0], m.getOrDefault(u[0], 0L), count(jdbc,
                    "SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND " + u[1] + " IS NOT NULL",
                    campaign));
        }
        check(checks, "uopen.any = recipients with an event", m.getOrDefault("uopen.any", 0L), count(jdbc,
                "SELECT COUNT(DISTINCT recipient_id) FROM tracking_event WHERE campaign_id = ? AND kind = 'OPEN'",
                campaign));
        long linkSum = m.entrySet()
            .stream()
            .filter(e -> e.getKey().startsWith("link."))
            .mapToLong(Map.Entry::getValue)
            .sum();
        check(checks, "sum of link.*", linkSum, count(jdbc,
                "SELECT COUNT(*) FROM tracking_event WHERE campaign_id = ? AND link_id IS NOT NULL", campaign));
        long hourSum = m.entrySet()
            .stream()
            .filter(e -> e.getKey().startsWith("hour."))
            .mapToLong(Map.Entry::getValue)
            .sum();
        check(checks, "sum of hour.*", hourSum, events);
        long hours = m.keySet()
            .stream()
            .filter(k -> k.startsWith("hour."))
            .map(k -> k.split("\\.")[1])
            .distinct()
            .count();
        check(checks, "timeline hours", hours,
                count(jdbc, "SELECT COUNT(DISTINCT date_trunc('hour', occurred_at AT TIME ZONE 'UTC')) "
                        + "FROM tracking_event WHERE campaign_id = ?", campaign));
        System.out.println("rollups against scans (rollup = scan):");
        checks.forEach(c -> System.out.println("  " + c));
        if (checks.stream().anyMatch(c -> c.startsWith("MISMATCH"))) {
            throw new IllegalStateException("rollups differ from the events");
        }
    }

    private static long count(JdbcTemplate jdbc, String sql, long campaign) {
        return jdbc.queryForObject(sql, Long.class, campaign);
    }

    private static void check(List<String> checks, String what, long rollup, long scan) {
        checks.add((rollup == scan ? "ok " : "MISMATCH ") + what + ": " + rollup + " = " + scan);
    }

    private static void time(String what, int runs, Supplier<Object> call) {
        for (int i = 0; i < 10; i++) {
            call.get(); // warm-up: JIT and the first reads from disk
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%s over %d runs: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, runs, ms[runs / 2],
                ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1]);
    }

}
