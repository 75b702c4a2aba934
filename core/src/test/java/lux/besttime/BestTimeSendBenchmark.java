package lux.besttime;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.delivery.DeliveryEngine;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Best-time send benchmark (not a test; run by bench/besttime-send-benchmark.sh): the
 * same N-recipient campaign through the outbox, once plainly and once at each contact's
 * best time, limits lifted. Half the contacts have three human opens in an earlier
 * campaign (so the best hours are really worked out); the window is zero
 * ({@code lux.best-time.window=PT0S}), so every due time is the start and only the
 * overhead is measured: the best-hour queries, the due-time updates and the claim's extra
 * condition. An unmeasured warm-up campaign goes first. Args: N.
 */
public final class BestTimeSendBenchmark {

    private BestTimeSendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("lux.delivery.limits.enabled", "false");
        props.put("lux.delivery.batch-size", "500");
        props.put("lux.best-time.window", "PT0S");
        props.put("logging.level.root", "WARN");
        props.put("spring.datasource.hikari.maximum-pool-size", "10");
        props.put("lux.mail.transport", "outbox");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CoreTestApplication.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            Instant now = Instant.now();
            jdbc.update("INSERT INTO tag (name, created_at) VALUES ('bench', ?)", Timestamp.from(now));
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(new Object[] { "bench" + i + "@example.net", "Name" + i, Timestamp.from(now),
                        Timestamp.from(now) });
            }
            jdbc.batchUpdate("INSERT INTO contact (email, first_name, attributes, status, created_at, updated_at, "
                    + "version) VALUES (?, ?, '{}', 'ACTIVE', ?, ?, 0)", rows);
            jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) SELECT c.id, t.id FROM contact c, tag t "
                    + "WHERE t.name = 'bench'");
            TemplateService templates = ctx.getBean(TemplateService.class);
            long template = templates
                .create(new TemplateContent("bench", "Hello {{ contact.first_name }}",
                        "<p>Hi {{ contact.first_name }}, <a href=\"https://example.com/one\">one</a></p>", null),
                        Actor.system())
                .id();
            history(jdbc, template, now);
            CampaignService campaigns = ctx.getBean(CampaignService.class);
            DeliveryEngine engine = ctx.getBean(DeliveryEngine.class);
            BestTimeService bestTime = ctx.getBean(BestTimeService.class);
            send(campaigns, engine, bestTime, template, "warm-up", false); // unmeasured:
                                                                           // JIT
            System.out.printf("%s, outbox, %,d recipients, max heap %d MiB%n", TestDatabase.name(), n,
                    Runtime.getRuntime().maxMemory() >> 20);
            // in the order plain, best, best, plain: a drift over the run (autovacuum,
            // the
            // growing outbox, JIT) weighs on both alike
            double plain = send(campaigns, engine, bestTime, template, "plain 1", false);
            double best = send(campaigns, engine, bestTime, template, "best time 1", true);
            best += send(campaigns, engine, bestTime, template, "best time 2", true);
            plain += send(campaigns, engine, bestTime, template, "plain 2", false);
            long own = jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE send_slot = 'CONTACT'",
                    Long.class);
            System.out.printf(
                    "RESULT %s best-time send, two of each: plain %.2f s, best time %.2f s (%,d at their own hour) = "
                            + "%.3fx the plain send (goal <= 1.10)%n",
                    TestDatabase.name(), plain, best, own, best / plain);
        }
    }

    /**
     * An earlier campaign to every contact; every other contact opened it three times (a
     * human), at hours spread over the week.
     */
    private static void history(JdbcTemplate jdbc, long template, Instant now) {
        Timestamp then = Timestamp.from(now.minus(Duration.ofDays(30)));
        jdbc.update("INSERT INTO campaign (name, template_id, audience, status, created_at, updated_at) "
                + "VALUES ('history', ?, '{}', 'SENT', ?, ?)", template, then, then);
        long campaign = jdbc.queryForObject("SELECT id FROM campaign WHERE name = 'history'", Long.class);
        jdbc.update("INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, sent_at, "
                + "created_at) SELECT ?, id, email, 'SENT', 1, ?, ? FROM contact", campaign, then, then);
        List<Long> recipients = jdbc.queryForList("SELECT id FROM campaign_recipient WHERE campaign_id = ? ORDER BY id",
                Long.class, campaign);
        List<Object[]> events = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i += 2) {
            for (int k = 0; k < 3; k++) {
                Instant at = now.minus(Duration.ofDays(21)).plus(Duration.ofHours((i / 2 + k * 7L) % 168));
                events.add(new Object[] { recipients.get(i), campaign, Timestamp.from(at) });
            }
        }
        jdbc.batchUpdate("INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) "
                + "VALUES (?, ?, 'OPEN', ?, FALSE)", events);
    }

    /** One campaign to every bench contact, start to SENT; its seconds. */
    private static double send(CampaignService campaigns, DeliveryEngine engine, BestTimeService bestTime,
            long template, String name, boolean best) {
        long id = campaigns.create(new NewCampaign(name, template, null, AudienceFilter.anyOf("bench")), Actor.system())
            .id();
        if (best) {
            bestTime.choose(id, true, Actor.system());
        }
        campaigns.schedule(id, null, null, Actor.system());
        long t0 = System.nanoTime();
        engine.startDueCampaigns();
        while (campaigns.get(id).status() == CampaignStatus.SENDING) {
            engine.work(Duration.ofSeconds(10));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %s: %,d sent in %.2f s (%s)%n", name, campaigns.get(id).sentCount(), seconds,
                campaigns.get(id).status());
        return seconds;
    }

}
