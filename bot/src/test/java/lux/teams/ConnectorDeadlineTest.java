package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One deadline ({@code lux.teams.connector-deadline}) bounds every Bot Connector call of
 * a bot turn: a connector that never answers a reply, or answers 502 forever, holds the
 * turn only until the deadline. There is a single bot thread and no queue, so a following
 * turn being served proves the thread was released; the reply whose outcome is unknown is
 * posted exactly once, and retries stop at the deadline rather than after
 * {@code send-attempts}.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.connector-deadline=2s", "lux.teams.retry-base=100ms",
                "lux.teams.send-attempts=50", "lux.teams.turn-threads=1", "lux.teams.turn-queue=0" })
class ConnectorDeadlineTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000cd";
    static final long DEADLINE_MS = 2_000;

    /**
     * Scheduling and Spring's own work on a shared, busy machine; far below what an
     * unbounded turn would take.
     */
    static final long MARGIN_MS = 3_000;

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    Actor admin;

    @BeforeEach
    void admin() {
        DatabaseCleaner.clean(jdbc);
        var user = users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system());
        admin = new Actor(user.getId(), user.getEmail(), Channel.TEAMS);
        connector.clear();
    }

    @AfterEach
    void healConnector() {
        connector.release();
        connector.stopFailing();
    }

    @Test
    void aReplyTheConnectorNeverAnswersIsAbandonedAtTheDeadlineAndNeverSentAgain() throws Exception {
        connector.holdOnly("/conversations/conv-hang/");

        long start = System.nanoTime();
        HttpResponse<String> hung = post(
                Activities.message(connector.serviceUrl(), "conv-hang", AAD, "help").toString());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(hung.statusCode()).isEqualTo(200);
        assertThat(tookMs).as("turn length with a hanging reply (ms)")
            .isBetween(DEADLINE_MS - 100, DEADLINE_MS + MARGIN_MS);
        assertThat(connector.received("POST /v3/conversations/conv-hang/")).as("reply posts").hasSize(1);

        // the only bot thread is free again: with a held thread this turn would be
        // refused with 503
        HttpResponse<String> next = post(
                Activities.message(connector.serviceUrl(), "conv-next", AAD, "help").toString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(connector.messages()).extracting(FakeConnector.Call::path).anyMatch(p -> p.contains("/conv-next/"));

        // the connector finally answers the abandoned reply; LUX does not post it (or an
        // apology) a second time
        connector.release();
        connector.await(c -> c.path().contains("/conv-hang/"), Duration.ofSeconds(10));
        Thread.sleep(1_000);
        assertThat(connector.received("/conversations/conv-hang/")).as("calls to the hanging conversation").hasSize(1);
        assertThat(connector.messages().stream().filter(c -> c.path().contains("/conv-hang/"))).hasSize(1);
    }

    @Test
    void aConnectorAnswering502ForeverIsRetriedOnlyUntilTheDeadline() throws Exception {
        connector.failAlways(502);

        long start = System.nanoTime();
        HttpResponse<String> failed = post(
                Activities.message(connector.serviceUrl(), "conv-502", AAD, "help").toString());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(tookMs).as("turn length against a failing connector (ms)").isLessThan(DEADLINE_MS + MARGIN_MS);
        List<FakeConnector.Received> attempts = connector.received("/conversations/conv-502/");
        assertThat(attempts).as("retried, but far fewer than send-attempts").hasSizeBetween(2, 10);
        // the deadline runs from the turn's first connector call (the model has its own,
        // lux.ai.turn-deadline)
        long first = attempts.get(0).nanos();
        assertThat(attempts).allSatisfy(a -> assertThat(TimeUnit.NANOSECONDS.toMillis(a.nanos() - first))
            .as("attempt time after the first attempt (ms)")
            .isLessThan(DEADLINE_MS));

        // nothing keeps trying in the background (no late retry, no apology through the
        // failing connector)
        Thread.sleep(1_500);
        assertThat(connector.received("/conversations/conv-502/")).hasSameSizeAs(attempts);

        // and the bot thread serves the next turn once the connector recovers
        connector.stopFailing();
        HttpResponse<String> next = post(
                Activities.message(connector.serviceUrl(), "conv-after", AAD, "help").toString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(connector.messages()).extracting(FakeConnector.Call::path).anyMatch(p -> p.contains("/conv-after/"));
    }

    /**
     * Proactive messages go out one at a time on the notification queue's thread: each
     * has the same deadline, so a progress card the connector never answers does not hold
     * back the messages after it.
     */
    @Test
    void aHangingProactiveMessageIsAbandonedAtTheDeadlineAndTheNextOneStillGoesOut() throws Exception {
        post(Activities.message(connector.serviceUrl(), "conv-p", AAD, "campaigns").toString()); // LUX
                                                                                                 // learns
                                                                                                 // the
                                                                                                 // chat
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, java.util.Set.of("vip"), null),
                admin);
        var template = templates.create(new TemplateContent("T deadline", "Hi", "<p>Hi</p>", null), admin);
        CampaignView c = campaigns.schedule(campaigns
            .create(new NewCampaign("Deadline news", template.id(), null, AudienceFilter.anyOf("vip")), admin)
            .id(), null, null, admin);
        connector.clear();
        connector.holdOnly("/conversations/conv-p/");

        campaigns.transition(c.id(), CampaignStatus.SENDING, "delivery.start", Actor.scheduler());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connector.received("POST /v3/conversations/conv-p/").isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        List<FakeConnector.Received> cardPosts = connector.received("POST /v3/conversations/conv-p/");
        assertThat(cardPosts).as("progress card posted, and held").hasSize(1);

        // the card post stays unanswered; later messages are answered at once, if LUX
        // gets to send them
        connector.letNewCallsThrough();
        campaigns.transition(c.id(), CampaignStatus.PAUSED, "delivery.throttled", Actor.system());
        FakeConnector.Call paused = connector.await(call -> call.text() != null && call.text().startsWith("LUX paused"),
                Duration.ofMillis(DEADLINE_MS + MARGIN_MS));
        assertThat(paused.path()).startsWith("/v3/conversations/conv-p/");

        connector.release();
        Thread.sleep(1_000);
        assertThat(connector.calls()
            .stream()
            .filter(call -> call.card() != null && call.card().toString().contains("Deadline news")
                    && call.method().equals("POST")))
            .as("the abandoned progress card, answered late, was posted exactly once")
            .hasSize(1);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
