package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lux.audit.Actor;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bot turns run on their own threads: with a web server of two threads, three turns stuck
 * on a slow Bot Connector leave the server free to answer other requests, a turn beyond
 * the bot's capacity is refused with 503 and Retry-After, and the stuck turns still
 * answer once the connector responds.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms", "server.tomcat.threads.max=2",
                "server.tomcat.threads.min-spare=1", "lux.teams.turn-threads=3", "lux.teams.turn-queue=0" })
class BotTurnThreadsTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000ab";

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Test
    void turnsWaitingOnTheConnectorHoldNoWebServerThread() throws Exception {
        DatabaseCleaner.clean(jdbc);
        users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system());
        AtomicInteger waiting = connector.hold();
        List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                turns.add(postAsync(Activities.message(connector.serviceUrl(), "conv-" + i, AAD, "help").toString()));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waiting.get() < 3 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(waiting.get()).as("turns waiting on the connector").isEqualTo(3);
            assertThat(turns).noneMatch(CompletableFuture::isDone);

            // both web server threads would be taken if turns ran on them; this request
            // needs one
            HttpResponse<String> probe = postAsync("").get(5, TimeUnit.SECONDS);
            assertThat(probe.statusCode()).isEqualTo(400);

            // every bot thread is taken and nothing may queue: refused at once, with a
            // hint when to retry
            HttpResponse<String> refused = postAsync(
                    Activities.message(connector.serviceUrl(), "conv-9", AAD, "help").toString())
                .get(5, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("busy");
        }
        finally {
            connector.release();
        }
        for (CompletableFuture<HttpResponse<String>> turn : turns) {
            assertThat(turn.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(connector.messages().stream().map(FakeConnector.Call::path).distinct().count()).isEqualTo(3);
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
