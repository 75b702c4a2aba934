package lux.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.testsupport.TestDatabase;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Bot turn overhead in command mode, no LLM: activities posted to /api/messages, replies
 * delivered to a loopback fake Bot Connector. Not a test: run with
 * scripts/bench-bot-turns.sh, results go to docs/benchmarks.md. Measures sequential
 * latency (p50/p95/p99) and throughput with several concurrent conversations.
 */
public final class BotTurnBenchmark {

    static final String[] COMMANDS = { "help", "contacts count tag:vip", "campaigns", "contacts find tag:vip",
            "templates" };

    public static void main(String[] args) throws Exception {
        // The JDK server otherwise waits on Nagle/delayed-ACK (~40 ms per reply); a real
        // connector answers at once.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int warmup = Integer.parseInt(System.getProperty("warmup", "1500"));
        int turns = Integer.parseInt(System.getProperty("turns", "2000"));
        int threads = Integer.parseInt(System.getProperty("threads", "8"));
        SpringApplication app = new SpringApplication(BotTestApplication.class);
        app.addInitializers(ctx -> ctx.getEnvironment()
            .getPropertySources()
            .addFirst(new MapPropertySource("bench", Map.<String, Object>of("server.port", "0", "logging.level.root",
                    "WARN", "logging.level.lux", "WARN"))));
        app.addInitializers(new TestDatabase());
        try (ConfigurableApplicationContext context = app.run(); FakeConnector connector = new FakeConnector()) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            var admin = context.getBean(UserService.class)
                .firstAdmin()
                .orElseGet(() -> context.getBean(UserService.class)
                    .create(new NewUser("bench@lux.test", "Bench", null, Role.ADMIN), Actor.system()));
            ContactService contacts = context.getBean(ContactService.class);
            Actor actor = new Actor(admin.getId(), admin.getEmail(), Channel.TEAMS);
            for (int i = 0; i < 500; i++) {
                contacts.create(new NewContact("bench" + i + "@example.com", "B" + i, null, null, null,
                        Set.of(i % 2 == 0 ? "vip" : "lead"), null), actor);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/messages");
            for (int i = 0; i < warmup; i++) {
                turn(http, uri, connector, "conv-warm", i);
            }
            connector.clear();
            long[] latencies = new long[turns];
            for (int i = 0; i < turns; i++) {
                long start = System.nanoTime();
                turn(http, uri, connector, "conv-seq", i);
                latencies[i] = System.nanoTime() - start;
            }
            int sent = connector.messages().size();
            connector.clear();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Long> concurrent = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < turns / threads; i++) {
                        long began = System.nanoTime();
                        turn(http, uri, connector, "conv-par-" + thread, i);
                        concurrent.add(System.nanoTime() - began);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            int parallelTurns = turns / threads * threads;
            List<Long> sorted = new ArrayList<>();
            for (long l : latencies) {
                sorted.add(l);
            }
            Collections.sort(sorted);
            List<Long> together = new ArrayList<>(concurrent);
            Collections.sort(together);
            System.out.printf("database=%s load=%s%n", TestDatabase.name(), String.format("%.1f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            System.out.printf("turns=%d sequential: p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms; replies seen=%d%n",
                    turns, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6,
                    sent);
            System.out.printf(
                    "concurrent: %d conversations, %d turns in %.2f s = %.0f turns/s, p50=%.2f ms p95=%.2f ms p99=%.2f ms; "
                            + "replies seen=%d%n",
                    threads, parallelTurns, seconds, parallelTurns / seconds, ms(together, 0.50), ms(together, 0.95),
                    ms(together, 0.99), connector.messages().size());
        }
        System.exit(0);
    }

    private static void turn(HttpClient http, URI uri, FakeConnector connector, String conversation, int i)
            throws Exception {
        ObjectNode activity = Activities.message(connector.serviceUrl(), conversation, "bench-aad",
                COMMANDS[i % COMMANDS.length]);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(activity.toString()))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("turn answered " + response.statusCode());
        }
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(quantile * (sorted.size() - 1)))) / 1e6;
    }

}
