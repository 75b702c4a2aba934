package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.config.CoreProperties;
import lux.digest.DigestCadence;
import lux.digest.DigestPreferences;
import lux.digest.DigestStats;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The digest reaches a user's personal chat on the fake connector once per period, in
 * their Teams time zone (Berlin here: the weekly digest from Monday 08:00 local), however
 * many runs or instances try, and never after they said digest off.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false" })
@Import(DigestSenderTest.Clocks.class)
class DigestSenderTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000dd";

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();

    static class Clocks {

        @Bean
        @Primary
        MutableClock digestTestClock() {
            return new MutableClock(Instant.parse("2026-11-30T06:30:00Z"));
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    MutableClock clock;

    @Autowired
    DigestSender sender;

    @Autowired
    DigestPreferences preferences;

    @Autowired
    DigestStats stats;

    @Autowired
    DigestCards cards;

    @Autowired
    TeamsMessenger messenger;

    @Autowired
    ConversationStore conversations;

    @Autowired
    CoreProperties core;

    Actor ada;

    @BeforeEach
    void userWhoTalkedToLux() throws Exception {
        DatabaseCleaner.clean(jdbc);
        jdbc.update("DELETE FROM teams_digest_sent");
        clock.set(Instant.parse("2026-11-30T06:30:00Z"));
        var user = users.create(new NewUser("ada@lux.test", "Ada", null, Role.ADMIN), Actor.system());
        ada = new Actor(user.getId(), user.getEmail(), Channel.TEAMS);
        var message = Activities.message(connector.serviceUrl(), "conv-d", AAD, "campaigns");
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        jdbc.update("UPDATE teams_conversation SET zone = 'Europe/Berlin'");
        connector.clear();
    }

    @Test
    void onceAWeekFromMondayMorningInTheUsersZoneHoweverManyInstancesRun() throws Exception {
        assertThat(sender.sendDue()).isZero(); // 07:30 in Berlin: not yet
        clock.set(Instant.parse("2026-11-30T07:05:00Z")); // 08:05 in Berlin
        DigestSender second = new DigestSender(jdbc, preferences, stats, cards, messenger, conversations, core, clock);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = two.invokeAll(List.<Callable<Integer>>of(sender::sendDue, second::sendDue));
            assertThat(runs.get(0).get() + runs.get(1).get()).isEqualTo(1);
        }
        finally {
            two.shutdown();
        }
        assertThat(sender.sendDue()).isZero();
        assertThat(second.sendDue()).isZero();
        List<FakeConnector.Call> digests = digestCards();
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0).path()).startsWith("/v3/conversations/conv-d/activities");
        assertThat(digests.get(0).body().toString()).contains("Your week in LUX", "Mon 23 Nov", "Sun 29 Nov",
                "Europe/Berlin", "Open the console", "/admin");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM teams_digest_sent WHERE period_start = ?", Long.class,
                java.sql.Timestamp.from(Instant.parse("2026-11-22T23:00:00Z"))))
            .isEqualTo(1);

        clock.set(Instant.parse("2026-12-03T07:05:00Z")); // Thursday: this week's is not
                                                          // due
        assertThat(sender.sendDue()).isZero();
    }

    @Test
    void digestOffIsRespectedAndDailyComesEveryMorning() throws Exception {
        preferences.set(ada, DigestCadence.OFF);
        clock.set(Instant.parse("2026-11-30T07:05:00Z"));
        assertThat(sender.sendDue()).isZero();
        assertThat(digestCards()).isEmpty();

        preferences.set(ada, DigestCadence.DAILY);
        assertThat(sender.sendDue()).isEqualTo(1);
        clock.set(Instant.parse("2026-11-30T20:00:00Z"));
        assertThat(sender.sendDue()).isZero();
        clock.set(Instant.parse("2026-12-01T07:05:00Z"));
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(digestCards()).hasSize(2)
            .allSatisfy(c -> assertThat(c.body().toString()).contains("Your day in LUX"));
    }

    private List<FakeConnector.Call> digestCards() {
        return connector.messages()
            .stream()
            .filter(c -> c.body() != null && c.body().toString().contains("in LUX"))
            .toList();
    }

}
