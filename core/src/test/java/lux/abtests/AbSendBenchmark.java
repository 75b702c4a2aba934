package lux.abtests;

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
 * A/B send benchmark (not a test; run by bench/ab-send-benchmark.sh): the same campaign
 * to the same N contacts through the outbox, once plainly and once as an A/B test (a 20%
 * test share in two subject variants, then the winner to the rest), the wait cut to
 * nothing by {@code lux.abtests.wait-cap}. Prints both send times and their ratio; the
 * goal is an A/B test adding at most 10%. A warm-up campaign (-Dbench.warmup, default
 * 10,000 other contacts) goes first, unmeasured. Args: N.
 */
public final class AbSendBenchmark {

    private AbSendBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("lux.delivery.limits.enabled", "false");
        props.put("lux.delivery.batch-size", "500");
        props.put("lux.delivery.worker-threads", "8");
        props.put("lux.abtests.wait-cap", "0s");
        props.put("logging.level.root", "WARN");
        props.put("spring.datasource.hikari.maximum-pool-size", "10");
        props.put("lux.mail.transport", "outbox");
        System.getProperties()
            .stringPropertyNames()
            .stream()
            .filter(k -> k.startsWith("lux.") || k.startsWith("spring."))
            .filter(k -> !k.equals("lux.test.db"))
            .forEach(k -> props.put(k, System.getProperty(k)));
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CoreTestApplication.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            CampaignService campaigns = ctx.getBean(CampaignService.class);
            DeliveryEngine engine = ctx.getBean(DeliveryEngine.class);
            AbTestService abTests = ctx.getBean(AbTestService.class);
            AbDecisions decisions = ctx.getBean(AbDecisions.class);
            Instant now = Instant.now();
            tagged(jdbc, "bench", n, now);
            int warmup = Integer.getInteger("bench.warmup", 10_000);
            tagged(jdbc, "warm", warmup, now);
            long template = ctx.getBean(TemplateService.class)
                .create(new TemplateContent("ab bench " + now.toEpochMilli(), "Hello {{ contact.first_name }}",
                        "<html><body><h1>Hi {{ contact.first_name }}</h1><p>News, <a href=\"https://example.com/one\">"
                                + "one</a> and <a href=\"https://example.com/two\">two</a>.</p></body></html>",
                        null), Actor.system())
                .id();
            if (warmup > 0) {
                long warm = campaign(campaigns, template, "warm-up", "warm");
                send(campaigns, engine, warm);
            }
            System.out.printf("%s, outbox, %,d recipients, max heap %d MiB%n", TestDatabase.name(), n,
                    Runtime.getRuntime().maxMemory() >> 20);

            // in the order plain, A/B, A/B, plain: a drift over the run (autovacuum, the
            // growing outbox, JIT) weighs on both alike
            double plainSeconds = 0;
            double abSeconds = 0;
            long plainSent = 0;
            long abSent = 0;
            for (String run : System.getProperty("bench.order", "plain,a/b,a/b,plain").split(",")) {
                if (run.equals("plain")) {
                    long plain = campaign(campaigns, template, "plain", "bench");
                    double seconds = send(campaigns, engine, plain);
                    long sent = campaigns.get(plain).sentCount();
                    System.out.printf("  plain: %,d sent in %.1f s = %.0f recipients/s%n", sent, seconds,
                            sent / seconds);
                    plainSeconds += seconds;
                    plainSent += sent;
                }
                else {
                    long ab = campaigns
                        .create(new NewCampaign("a/b", template, null, AudienceFilter.anyOf("bench")), Actor.system())
                        .id();
                    abTests.setUp(new NewAbTest(ab,
                            List.of(NewAbTest.Variant.subject("Last seats, {{ contact.first_name }}"),
                                    NewAbTest.Variant.subject("Join us Tuesday")),
                            20, AbMetric.OPENS, Duration.ofHours(4), AbMode.AUTO, 42L), Actor.system());
                    campaigns.schedule(ab, null, null, Actor.system());
                    double testSeconds = send(campaigns, engine, ab);
                    long d0 = System.nanoTime();
                    if (decisions.decideDue() != 1) {
                        throw new IllegalStateException("the A/B test was not decided");
                    }
                    double decideSeconds = (System.nanoTime() - d0) / 1e9;
                    long winner = abTests.view(ab).winnerCampaignId();
                    double winnerSeconds = send(campaigns, engine, winner);
                    long sent = campaigns.get(ab).sentCount() + campaigns.get(winner).sentCount();
                    double seconds = testSeconds + decideSeconds + winnerSeconds;
                    System.out.printf(
                            "  a/b: %,d sent in %.1f s (test share %.1f s, decision %.2f s, winner %.1f s) "
                                    + "= %.0f recipients/s%n",
                            sent, seconds, testSeconds, decideSeconds, winnerSeconds, sent / seconds);
                    abSeconds += seconds;
                    abSent += sent;
                }
            }
            System.out.printf("RESULT plain, twice: %,d sent in %.1f s = %.0f recipients/s%n", plainSent, plainSeconds,
                    plainSent / plainSeconds);
            System.out.printf("RESULT a/b, twice: %,d sent in %.1f s = %.0f recipients/s%n", abSent, abSeconds,
                    abSent / abSeconds);
            System.out.printf("RESULT ratio a/b / plain = %.3f (goal <= 1.10)%s%n", abSeconds / plainSeconds,
                    abSent == plainSent ? "" : " WARNING: " + abSent + " sent against " + plainSent);
        }
    }

    /** Seconds from the campaign's start (materialisation included) until it is sent. */
    private static double send(CampaignService campaigns, DeliveryEngine engine, long id) {
        long t0 = System.nanoTime();
        engine.startDueCampaigns();
        System.out.printf("    campaign %d started (audience materialised) in %.1f s%n", id,
                (System.nanoTime() - t0) / 1e9);
        while (campaigns.get(id).status() == CampaignStatus.SENDING) {
            engine.work(Duration.ofSeconds(10));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long campaign(CampaignService campaigns, long template, String name, String tag) {
        long id = campaigns.create(new NewCampaign(name, template, null, AudienceFilter.anyOf(tag)), Actor.system())
            .id();
        campaigns.schedule(id, null, null, Actor.system());
        return id;
    }

    /** {@code n} active contacts tagged {@code tag}, in JDBC batches of 10,000. */
    private static void tagged(JdbcTemplate jdbc, String tag, int n, Instant now) {
        if (n == 0) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] { tag + i + "@example.net", "Name" + i, Timestamp.from(now), Timestamp.from(now) });
            if (rows.size() == 10_000 || i == n - 1) {
                jdbc.batchUpdate("INSERT INTO contact (email, first_name, attributes, status, created_at, updated_at, "
                        + "version) VALUES (?, ?, '{}', 'ACTIVE', ?, ?, 0)", rows);
                rows.clear();
            }
        }
        jdbc.update("INSERT INTO tag (name, created_at) VALUES (?, ?)", tag, Timestamp.from(now));
        jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) SELECT c.id, t.id FROM contact c, tag t "
                + "WHERE t.name = ? AND c.email LIKE ?", tag, tag + "%@example.net");
    }

}
