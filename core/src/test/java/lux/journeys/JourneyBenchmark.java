package lux.journeys;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactEvent;
import lux.delivery.DeliveryEngine;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journey benchmark (not a test), driven by bench/journey-benchmark.sh, one phase per
 * process so the script can kill -9 the engine mid-way and start it again:
 * <ul>
 * <li>{@code setup N}: a fresh schema, N contacts, a 3-step journey (send, wait 1 minute,
 * send), every contact tagged in one statement and enrolled set-based;</li>
 * <li>{@code run N}: the step engine until every enrolment is done (heap sampled every 5
 * s);</li>
 * <li>{@code campaign N}: a plain campaign to the same N through the delivery
 * engine;</li>
 * <li>{@code check N}: no step lost or repeated (step runs and outbox mails per contact
 * and step).</li>
 * </ul>
 * All on PostgreSQL (schema lux_bench_journey), through the outbox, limits lifted.
 */
public final class JourneyBenchmark {

    static final String SCHEMA = "lux_bench_journey";

    private JourneyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String phase = args[0];
        long n = Long.parseLong(args[1]);
        if (phase.equals("setup")) {
            try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER,
                    TestDatabase.POSTGRES_PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                s.execute("CREATE SCHEMA " + SCHEMA);
            }
        }
        try (ConfigurableApplicationContext ctx = context()) {
            switch (phase) {
                case "setup" -> setup(ctx, n);
                case "run" -> run(ctx);
                case "campaign" -> campaign(ctx, n);
                case "check" -> check(ctx, n);
                default -> throw new IllegalArgumentException("phase: setup, run, campaign or check");
            }
        }
        System.exit(0);
    }

    private static ConfigurableApplicationContext context() {
        Map<String, Object> props = new HashMap<>();
        String sep = TestDatabase.POSTGRES_URL.contains("?") ? "&" : "?";
        props.put("spring.datasource.url", TestDatabase.POSTGRES_URL + sep + "currentSchema=" + SCHEMA);
        props.put("spring.datasource.username", TestDatabase.POSTGRES_USER);
        props.put("spring.datasource.password", TestDatabase.POSTGRES_PASSWORD);
        props.put("spring.flyway.schemas", SCHEMA);
        props.put("spring.flyway.default-schema", SCHEMA);
        props.put("spring.jpa.properties.hibernate.default_schema", SCHEMA);
        props.put("spring.datasource.hikari.maximum-pool-size", "8");
        props.put("lux.mail.transport", "outbox");
        props.put("lux.delivery.enabled", "false");
        props.put("lux.journeys.enabled", "false");
        props.put("lux.delivery.limits.enabled", "false");
        props.put("lux.delivery.batch-size", System.getProperty("bench.batch", "500"));
        props.put("lux.journeys.batch-size", System.getProperty("bench.batch", "500"));
        props.put("lux.journeys.lease", System.getProperty("bench.lease", "20s"));
        props.put("lux.preflight.require-postal-address", "false");
        props.put("logging.level.root", "WARN");
        // first, above the test resources' H2 defaults
        return new SpringApplicationBuilder(CoreTestApplication.class).web(WebApplicationType.NONE)
            .initializers(c -> c.getEnvironment()
                .getPropertySources()
                .addFirst(new org.springframework.core.env.MapPropertySource("journeyBench", props)))
            .run();
    }

    private static void setup(ConfigurableApplicationContext ctx, long n) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        Timestamp now = Timestamp.from(Instant.now());
        long t0 = System.nanoTime();
        jdbc.update("INSERT INTO contact (email, first_name, attributes, status, created_at, updated_at) "
                + "SELECT 'c' || g || '@example.net', 'N' || g, '{}', 'ACTIVE', ?, ? FROM generate_series(1, ?) g", now,
                now, n);
        TemplateService templates = ctx.getBean(TemplateService.class);
        String html = "<html><body><h1>Hi {{ contact.first_name }}</h1><p>News, <a href=\"https://example.com/one\">one</a>"
                + " and <a href=\"https://example.com/two\">two</a>.</p></body></html>";
        long a = templates
            .create(new TemplateContent("First", "Hello {{ contact.first_name }}", html, null), Actor.system())
            .id();
        long b = templates
            .create(new TemplateContent("Second", "Again {{ contact.first_name }}", html, null), Actor.system())
            .id();
        ctx.getBean(JourneyService.class)
            .create(new NewJourney("Bench", Trigger.tagAdded("bench"), List.of(new JourneyStep.Send(a, "First"),
                    new JourneyStep.Wait(Duration.ofMinutes(1)), new JourneyStep.Send(b, "Second")), "UTC"),
                    Actor.system());
        jdbc.update("INSERT INTO tag (name, created_at) VALUES ('bench', ?)", now);
        long t1 = System.nanoTime();
        // the bulk-tag road: one INSERT ... SELECT, then the event enrols set-based
        ctx.getBean(TransactionTemplate.class).executeWithoutResult(s -> {
            jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) SELECT c.id, t.id FROM contact c, tag t "
                    + "WHERE t.name = 'bench' ON CONFLICT DO NOTHING");
            ctx.publishEvent(new ContactEvent.Tagged(null, Set.of("bench")));
        });
        long t2 = System.nanoTime();
        jdbc.execute("ANALYZE");
        long enrolled = jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment WHERE status = 'WAITING'",
                Long.class);
        System.out.printf(
                "RESULT setup contacts=%d seconds=%.1f enrolled=%d enrol_seconds=%.1f enrol_per_second=%.0f%n", n,
                (t1 - t0) / 1e9, enrolled, (t2 - t1) / 1e9, enrolled / ((t2 - t1) / 1e9));
    }

    private static void run(ConfigurableApplicationContext ctx) throws InterruptedException {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        JourneyEngine engine = ctx.getBean(JourneyEngine.class);
        Thread heap = heapSampler();
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run", Long.class);
        long sentBefore = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message", Long.class);
        long t0 = System.nanoTime();
        long busy = 0;
        while (jdbc.queryForObject(
                "SELECT COUNT(*) FROM (SELECT 1 FROM journey_enrolment WHERE status IN ('WAITING', 'RUNNING') LIMIT 1) x",
                Long.class) > 0) {
            engine.resolveExpiredLeases();
            long s = System.nanoTime();
            long done = engine.work(Duration.ofSeconds(10));
            if (done > 0) {
                busy += System.nanoTime() - s;
                long steps = jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run", Long.class) - before;
                System.out.printf("progress steps=%d seconds=%.0f%n", steps, (System.nanoTime() - t0) / 1e9);
            }
            else {
                Thread.sleep(1000); // a wait step or a dead instance's lease: not counted
                                    // as busy
            }
        }
        heap.interrupt();
        long steps = jdbc.queryForObject("SELECT COUNT(*) FROM journey_step_run", Long.class) - before;
        long sent = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message", Long.class) - sentBefore;
        System.out.printf(
                "RESULT journey steps=%d sends=%d wall_seconds=%.1f busy_seconds=%.1f steps_per_busy_second=%.0f sends_per_busy_second=%.0f%n",
                steps, sent, (System.nanoTime() - t0) / 1e9, busy / 1e9, steps / (busy / 1e9), sent / (busy / 1e9));
    }

    private static void campaign(ConfigurableApplicationContext ctx, long n) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        CampaignService campaigns = ctx.getBean(CampaignService.class);
        DeliveryEngine engine = ctx.getBean(DeliveryEngine.class);
        long template = jdbc.queryForObject("SELECT id FROM email_template WHERE name = 'First'", Long.class);
        long id = campaigns
            .create(new NewCampaign("Plain " + Instant.now().toEpochMilli(), template, null,
                    AudienceFilter.anyOf("bench")), Actor.system())
            .id();
        campaigns.schedule(id, null, null, Actor.system());
        Thread heap = heapSampler();
        long t0 = System.nanoTime();
        engine.startDueCampaigns();
        while (campaigns.get(id).status() == CampaignStatus.SENDING) {
            engine.work(Duration.ofSeconds(10));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        heap.interrupt();
        long sent = jdbc.queryForObject(
                "SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND status = 'SENT'", Long.class, id);
        System.out.printf("RESULT campaign recipients=%d sent=%d seconds=%.1f sends_per_second=%.0f%n", n, sent,
                seconds, sent / seconds);
    }

    private static void check(ConfigurableApplicationContext ctx, long n) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        long notDone = jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment WHERE status <> 'DONE'", Long.class);
        // every contact has a run row for each of the 3 steps (lost: fewer), and at most
        // one mail per contact and send step (repeated: more)
        long lost = jdbc.queryForObject("SELECT COUNT(*) FROM journey_enrolment e WHERE (SELECT COUNT(*) FROM "
                + "journey_step_run r WHERE r.enrolment_id = e.id) <> 3", Long.class);
        long repeated = jdbc
            .queryForObject("SELECT COUNT(*) FROM (SELECT r.contact_id, r.campaign_id FROM outbox_message o "
                    + "JOIN campaign_recipient r ON r.id = o.recipient_id JOIN journey_step s ON s.campaign_id = r.campaign_id "
                    + "GROUP BY r.contact_id, r.campaign_id HAVING COUNT(*) > 1) x", Long.class);
        long mails = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message o JOIN campaign_recipient r "
                + "ON r.id = o.recipient_id JOIN journey_step s ON s.campaign_id = r.campaign_id", Long.class);
        Map<String, Object> outcomes = new HashMap<>();
        jdbc.query("SELECT outcome, COUNT(*) FROM journey_step_run GROUP BY outcome", rs -> {
            outcomes.put(rs.getString(1), rs.getLong(2));
        });
        System.out.printf("RESULT check contacts=%d not_done=%d lost=%d repeated=%d journey_mails=%d outcomes=%s%n", n,
                notDone, lost, repeated, mails, outcomes);
    }

    /**
     * Prints the used heap every 5 seconds (no forced collection: what the process
     * holds).
     */
    private static Thread heapSampler() {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                while (true) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    System.out.printf("heap seconds=%.0f used_mb=%d%n", (System.nanoTime() - t0) / 1e9,
                            used / (1024 * 1024));
                    Thread.sleep(5000);
                }
            }
            catch (InterruptedException e) {
                // done
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

}
