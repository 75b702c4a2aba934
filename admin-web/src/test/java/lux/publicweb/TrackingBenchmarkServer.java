package lux.publicweb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.delivery.DeliveryEngine;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tracking benchmark server (not a test; run by bench/tracking-benchmark.sh): sends a
 * campaign of N recipients to the outbox, writes their open and click paths to files for
 * wrk, serves the public routes on the given port, and on "stop" on stdin shuts down
 * gracefully and prints the tracking_event count.
 */
public final class TrackingBenchmarkServer {

    private TrackingBenchmarkServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", String.valueOf(port));
        props.put("server.shutdown", "graceful");
        props.put("lux.delivery.enabled", "false");
        props.put("lux.delivery.limits.enabled", "false");
        props.put("lux.delivery.batch-size", "500");
        props.put("lux.tracking.machine.after-delivery", "0s");
        props.put("logging.level.root", "WARN");
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PublicWebTestApplication.class)
            .initializers(new TestDatabase())
            .properties(props)
            .run();
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] { "track" + i + "@example.net", Timestamp.from(now), Timestamp.from(now) });
        }
        jdbc.batchUpdate(
                "INSERT INTO contact (email, attributes, status, created_at, updated_at, version) VALUES (?, '{}', 'ACTIVE', ?, ?, 0)",
                rows);
        long template = ctx.getBean(TemplateService.class)
            .create(new TemplateContent("track " + now.toEpochMilli(), "Hi",
                    "<p><a href=\"https://example.com/a\">a</a></p>", null), Actor.system())
            .id();
        CampaignService campaigns = ctx.getBean(CampaignService.class);
        long id = campaigns.create(new NewCampaign("track", template, null, AudienceFilter.everyone()), Actor.system())
            .id();
        campaigns.schedule(id, null, null, Actor.system());
        DeliveryEngine engine = ctx.getBean(DeliveryEngine.class);
        engine.startDueCampaigns();
        engine.work(Duration.ofMinutes(10));
        List<String> opens = new ArrayList<>();
        List<String> clicks = new ArrayList<>();
        Pattern open = Pattern.compile("/t/o/[A-Za-z0-9_-]+");
        Pattern click = Pattern.compile("/t/c/[A-Za-z0-9_-]+");
        for (OutboxMessage m : ctx.getBean(OutboxService.class).list(id, 0, Math.min(n, 500))) {
            Matcher o = open.matcher(m.html());
            Matcher c = click.matcher(m.html());
            if (o.find() && c.find()) {
                opens.add(o.group());
                clicks.add(c.group());
            }
        }
        Files.write(dir.resolve("opens.txt"), opens);
        Files.write(dir.resolve("clicks.txt"), clicks);
        System.out.println("READY " + opens.size() + " recipients' paths written");
        System.out.flush();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        while (!"stop".equals(in.readLine())) {
            Thread.onSpinWait();
        }
        ctx.close(); // graceful: the web server stops first, then the event buffer is
                     // written
        try (ConfigurableApplicationContext check = new SpringApplicationBuilder(PublicWebTestApplication.class)
            .initializers(new TestDatabase())
            .properties(Map.of("server.port", "0", "lux.delivery.enabled", "false", "logging.level.root", "WARN"))
            .run()) {
            JdbcTemplate j = check.getBean(JdbcTemplate.class);
            System.out.println("EVENTS open="
                    + j.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'OPEN' AND campaign_id = ?",
                            Long.class, id)
                    + " click="
                    + j.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'CLICK' AND campaign_id = ?",
                            Long.class, id));
        }
    }

}
