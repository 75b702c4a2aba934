package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lux.shared.SqlDialect;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tracking buffer stays small whatever a client sends, and a database that stops
 * answering costs the public routes nothing: hits are answered at once and counted as
 * dropped, never holding the request threads.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.tracking.flush-interval=1h" }) // nothing
                                                                                         // drains
                                                                                         // the
                                                                                         // buffer
                                                                                         // behind
                                                                                         // the
                                                                                         // test's
                                                                                         // back
class TrackingBoundsTest {

    @Autowired
    TrackingService tracking;

    @Autowired
    EventWriter writer;

    @Autowired
    TrackingTokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMegabyteUserAgentIsCutBeforeItIsBuffered() {
        DatabaseCleaner.clean(jdbc);
        long[] ids = recipient();
        String huge = "Mozilla/5.0 " + "A".repeat(1 << 20);

        assertThat(tracking.open(tokens.sign(TokenKind.OPEN, ids[0], ids[1], 0), huge, false)).isTrue();

        List<Hit> buffered = writer.bufferedHits();
        assertThat(buffered).hasSize(1);
        assertThat(buffered.get(0).userAgent()).hasSize(512).startsWith("Mozilla/5.0 AAA");
        tracking.flush();
        assertThat(jdbc.queryForObject("SELECT user_agent FROM tracking_event WHERE recipient_id = ?", String.class,
                ids[1]))
            .hasSize(512);
    }

    @Test
    void anUnansweringDatabaseDropsAndCountsHitsInsteadOfHoldingRequestThreads() throws Exception {
        try (Blackhole postgres = new Blackhole(); HikariDataSource pool = deadPool(postgres.port)) {
            TrackingProperties properties = new TrackingProperties("", 10, Duration.ofMillis(20),
                    Duration.ofMillis(200), new TrackingProperties.MachineRules(List.of(), Duration.ofSeconds(5),
                            Duration.ofSeconds(1), 2, true),
                    Duration.ofSeconds(1));
            JdbcTemplate dead = new JdbcTemplate(pool);
            EventWriter deadWriter = new EventWriter(dead,
                    new TransactionTemplate(new DataSourceTransactionManager(pool)), properties,
                    new RollupWriter(dead, SqlDialect.POSTGRESQL), SqlDialect.POSTGRESQL);
            // only open() is exercised: it needs the tokens, the writer and the clock
            TrackingService service = new TrackingService(tokens, null, deadWriter, null, null, null, null, null,
                    Clock.systemUTC(), TrafficGauge.countingEveryHit());
            deadWriter.start();
            ExecutorService webThreads = Executors.newFixedThreadPool(16);
            try {
                List<Long> millis = new CopyOnWriteArrayList<>();
                List<Future<Boolean>> answers = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    String token = tokens.sign(TokenKind.OPEN, 1, i + 1, 0);
                    answers.add(webThreads.submit(() -> {
                        long start = System.nanoTime();
                        boolean pixel = service.open(token, "Mozilla/5.0", false);
                        millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        return pixel;
                    }));
                }
                for (Future<Boolean> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS)).as("the pixel is still served").isTrue();
                }
                // a request waits at most full-buffer-wait (200 ms) for a write; generous
                // margin for a busy machine
                assertThat(millis).hasSize(400).allSatisfy(ms -> assertThat(ms).isLessThan(1_500));
                // all but the few held in the buffer (10) and in the batch the writer
                // keeps retrying are dropped, and counted
                assertThat(service.droppedHits()).isGreaterThanOrEqualTo(300);
            }
            finally {
                webThreads.shutdownNow();
                try {
                    deadWriter.stop();
                }
                catch (RuntimeException expected) {
                    // the final flush cannot reach the dead database either
                }
            }
        }
    }

    private long[] recipient() {
        Timestamp now = Timestamp.from(Instant.parse("2026-02-01T10:00:00Z"));
        jdbc.update(
                "INSERT INTO email_template (name, subject, html_body, created_at, updated_at) VALUES ('t', 's', 'b', ?, ?)",
                now, now);
        long template = jdbc.queryForObject("SELECT id FROM email_template", Long.class);
        jdbc.update(
                "INSERT INTO campaign (name, template_id, audience, status, created_at, updated_at) VALUES ('c', ?, '{}', 'SENDING', ?, ?)",
                template, now, now);
        long campaign = jdbc.queryForObject("SELECT id FROM campaign", Long.class);
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, email, status, sent_at, created_at) VALUES (?, 'ua@example.com', 'SENT', ?, ?)",
                campaign, now, now);
        return new long[] { campaign, jdbc.queryForObject("SELECT id FROM campaign_recipient", Long.class) };
    }

    /**
     * A pool to a "PostgreSQL" that accepts connections and never answers: the worst kind
     * of outage.
     */
    private static HikariDataSource deadPool(int port) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/test");
        pool.setUsername("postgres");
        pool.setConnectionTimeout(250);
        pool.setInitializationFailTimeout(-1);
        pool.setMaximumPoolSize(2);
        return pool;
    }

    /** A loopback server socket that takes connections and says nothing. */
    static final class Blackhole implements AutoCloseable {

        final ServerSocket server;

        final int port;

        final List<Socket> held = new CopyOnWriteArrayList<>();

        Blackhole() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            port = server.getLocalPort();
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    }
                    catch (IOException closed) {
                        return;
                    }
                }
            }, "blackhole-postgres");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }

    }

}
