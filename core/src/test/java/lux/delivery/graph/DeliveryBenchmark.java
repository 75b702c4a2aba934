package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
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
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivery benchmark (not a test; run by bench/delivery-benchmark.sh): N contacts, one
 * campaign to all, limits lifted, through the outbox or a zero-latency TLS Graph double.
 * Prints recipients/s and used heap after GC as sending progresses. Args: outbox|graph N.
 * A server sends campaigns all day, so by default a warm-up campaign of 10,000 other
 * contacts (-Dbench.warmup, 0 for a cold start) goes out first, unmeasured, to
 * JIT-compile the path.
 */
public final class DeliveryBenchmark {

    private DeliveryBenchmark() {
    }

    /** Trusts the loopback double's certificate. */
    public static class TrustingGraphClient {

        @Bean
        GraphTransport.GraphHttpClient benchGraphHttpClient() throws Exception {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { new GraphDeliveryTest.TrustEverything() }, new SecureRandom());
            boolean http2 = Boolean.parseBoolean(System.getProperty("bench.graph.http2", "true"));
            return new GraphTransport.GraphHttpClient(HttpClient.newBuilder()
                .sslContext(tls)
                .version(http2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build());
        }

    }

    /**
     * CPU time of the Graph double: the nginx worker processes named by
     * -Dbench.graph.pids (from /proc, in clock ticks of 10 ms), or else the in-process
     * WireMock double's Jetty threads (named qtp...).
     */
    private static long doubleCpu() {
        String pids = System.getProperty("bench.graph.pids", "");
        if (!pids.isBlank()) {
            long ticks = 0;
            for (String pid : pids.trim().split("[ ,]+")) {
                try {
                    String[] stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"))
                        .replaceAll(".*\\) ", "")
                        .split(" ");
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime,
                                                                                  // stime
                }
                catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return ticks * 10_000_000L;
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("qtp")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }

    /**
     * {@code n} active contacts {prefix}{i}@{domain}, first name {name}{i}, in JDBC
     * batches of 10,000.
     */
    private static void insertContacts(JdbcTemplate jdbc, String prefix, String name, String domain, int n,
            Instant now) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] { prefix + i + "@" + domain, name + i, Timestamp.from(now), Timestamp.from(now) });
            if (rows.size() == 10_000 || i == n - 1) {
                jdbc.batchUpdate(
                        "INSERT INTO contact (email, first_name, attributes, status, created_at, updated_at, version) "
                                + "VALUES (?, ?, '{}', 'ACTIVE', ?, ?, 0)",
                        rows);
                rows.clear();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String transport = args[0];
        int n = Integer.parseInt(args[1]);
        Map<String, Object> props = new HashMap<>();
        props.put("lux.delivery.enabled", "false");
        props.put("lux.delivery.limits.enabled", "false");
        props.put("lux.delivery.batch-size", "500");
        props.put("lux.delivery.worker-threads", "8");
        props.put("logging.level.root", "WARN");
        // LUX's own pool size (test contexts shrink theirs to 4 so many cached contexts
        // fit into PostgreSQL)
        props.put("spring.datasource.hikari.maximum-pool-size", "10");
        props.put("lux.mail.transport", transport);
        // -Dlux.delivery.parallel-batches=1 and the like (JAVA_OPTS of the script)
        // override the settings above
        System.getProperties()
            .stringPropertyNames()
            .stream()
            .filter(k -> k.startsWith("lux.delivery.") || k.startsWith("spring."))
            .forEach(k -> props.put(k, System.getProperty(k)));
        WireMockServer graph = null;
        String external = System.getProperty("bench.graph.url", "");
        if (transport.equals("graph") && !external.isBlank()) {
            // a double outside this JVM (bench/delivery-benchmark.sh starts nginx with
            // bench/graph-double.conf)
            props.put("lux.graph.tenant-id", "bench");
            props.put("lux.graph.client-id", "bench");
            props.put("lux.graph.client-secret", "bench");
            props.put("lux.graph.sender", "bench@contoso.test");
            props.put("lux.graph.authority", external);
            props.put("lux.graph.base-url", external + "/v1.0");
        }
        else if (transport.equals("graph")) {
            // The double shares the machine with LUX: no journal, no per-request logging
            // (it serialised every request to
            // JSON), HTTP/2 as Graph speaks it unless -Dbench.graph.http2=false.
            boolean http2 = Boolean.parseBoolean(System.getProperty("bench.graph.http2", "true"));
            graph = new WireMockServer(options().dynamicHttpsPort()
                .dynamicPort()
                .containerThreads(16)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .http2TlsDisabled(!http2)
                .asynchronousResponseEnabled(false));
            graph.start();
            graph.stubFor(post(urlPathMatching(".*/oauth2/v2.0/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"t\"}")));
            graph.stubFor(post(urlPathMatching("/v1.0/users/.*/sendMail")).willReturn(aResponse().withStatus(202)));
            props.put("lux.graph.tenant-id", "bench");
            props.put("lux.graph.client-id", "bench");
            props.put("lux.graph.client-secret", "bench");
            props.put("lux.graph.sender", "bench@contoso.test");
            props.put("lux.graph.authority", "https://localhost:" + graph.httpsPort());
            props.put("lux.graph.base-url", "https://localhost:" + graph.httpsPort() + "/v1.0");
        }
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(CoreTestApplication.class,
                TrustingGraphClient.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            Instant now = Instant.now();
            insertContacts(jdbc, "bench", "Name", "example.net", n, now);
            int warmup = Integer.getInteger("bench.warmup", 10_000);
            insertContacts(jdbc, "warm", "Warm", "example.org", warmup, now);
            jdbc.update("INSERT INTO tag (name, created_at) VALUES ('warmup', ?)", Timestamp.from(now));
            jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) SELECT c.id, t.id FROM contact c, tag t "
                    + "WHERE t.name = 'warmup' AND c.email LIKE 'warm%@example.org'");
            long template = ctx.getBean(TemplateService.class)
                .create(new TemplateContent("bench " + now.toEpochMilli(), "Hello {{ contact.first_name }}",
                        "<html><body><h1>Hi {{ contact.first_name }}</h1><p>News of the month, "
                                + "<a href=\"https://example.com/one\">one</a>, <a href=\"https://example.com/two\">two</a> and "
                                + "<a href=\"mailto:x@example.com\">mail us</a>.</p></body></html>",
                        null), Actor.system())
                .id();
            CampaignService campaigns = ctx.getBean(CampaignService.class);
            DeliveryEngine engine = ctx.getBean(DeliveryEngine.class);
            if (warmup > 0) {
                long warm = campaigns
                    .create(new NewCampaign("warm-up", template, null, AudienceFilter.anyOf("warmup")), Actor.system())
                    .id();
                campaigns.schedule(warm, null, null, Actor.system());
                long w0 = System.nanoTime();
                engine.startDueCampaigns();
                while (campaigns.get(warm).status() == CampaignStatus.SENDING) {
                    engine.work(Duration.ofSeconds(10));
                }
                System.out.printf("warm-up: %,d recipients in %.1f s (not measured)%n", warmup,
                        (System.nanoTime() - w0) / 1e9);
            }
            long id = campaigns
                .create(new NewCampaign("bench", template, null,
                        new AudienceFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("warmup"))),
                        Actor.system())
                .id();
            campaigns.schedule(id, null, null, Actor.system());
            System.out.printf("%s, %s, %,d recipients, max heap %d MiB%n", TestDatabase.name(), transport, n,
                    Runtime.getRuntime().maxMemory() >> 20);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();
            long t0 = System.nanoTime();
            engine.startDueCampaigns();
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            long doubleCpu0 = doubleCpu();
            System.out.printf("materialised %,d recipients in %.1f s = %.0f recipients/s (load average %.1f)%n", n,
                    (t1 - t0) / 1e9, n / ((t1 - t0) / 1e9), os.getSystemLoadAverage());
            while (campaigns.get(id).status() == CampaignStatus.SENDING) {
                engine.work(Duration.ofSeconds(10));
                long sent = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND status = 'SENT'", Long.class,
                        id);
                jdbc.query(
                        "SELECT last_error, COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND last_error IS NOT NULL "
                                + "AND status <> 'SENT' GROUP BY 1",
                        rs -> {
                            System.out.printf("  waiting to retry: %d x %s%n", rs.getLong(2), rs.getString(1));
                        }, id);
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                System.out.printf("  sent %,9d  %.0f recipients/s so far  heap after GC %d MiB  load average %.1f%n",
                        sent, sent / ((System.nanoTime() - t1) / 1e9), used, os.getSystemLoadAverage());
            }
            double seconds = (System.nanoTime() - t1) / 1e9;
            // retried sends (transient errors) explain a slow slice; name the reasons
            jdbc.query(
                    "SELECT COALESCE(last_error, '-'), COUNT(*) FROM campaign_recipient WHERE campaign_id = ? AND attempts > 1 "
                            + "GROUP BY 1",
                    rs -> {
                        System.out.printf("  retried: %d x %s%n", rs.getLong(2), rs.getString(1));
                    }, id);
            long sent = campaigns.get(id).sentCount();
            // CPU per message says what LUX itself costs, whatever else the machine is
            // doing (the database's is not in it);
            // the Graph double runs in this JVM, so its Jetty threads' CPU is counted
            // apart
            long doubleCpu = doubleCpu() - doubleCpu0;
            long jvmCpu = os.getProcessCpuTime() - cpu1;
            System.out.printf(
                    "RESULT %s %s: %,d sent in %.1f s = %.0f recipients/s (status %s), CPU per recipient: LUX JVM %.0f us"
                            + "%s%n",
                    TestDatabase.name(), transport, sent, seconds, sent / seconds, campaigns.get(id).status(),
                    (jvmCpu - (graph == null ? 0 : doubleCpu)) / 1e3 / Math.max(1, sent),
                    !transport.equals("graph") ? "" : String.format(", Graph double (%s) %.0f us",
                            graph == null ? "nginx" : "WireMock", doubleCpu / 1e3 / Math.max(1, sent)));
        }
        finally {
            if (graph != null) {
                graph.stop();
            }
        }
    }

}
