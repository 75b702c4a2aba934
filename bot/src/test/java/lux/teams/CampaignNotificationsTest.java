package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEvent;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Proactive messages: after the user has talked to LUX once, campaign status changes and
 * delivery progress reach their conversation on the fake connector, and the progress card
 * is updated in place.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.teams.progress-update-interval=0s", "lux.delivery.enabled=false" })
class CampaignNotificationsTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000cc";
    static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();

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

    @Autowired
    ApplicationEventPublisher events;

    Actor admin;

    @BeforeEach
    void cleanSlate() throws Exception {
        DatabaseCleaner.clean(jdbc);
        var user = users.create(new NewUser("admin@lux.test", "Ada", null, Role.ADMIN), Actor.system());
        admin = new Actor(user.getId(), user.getEmail(), Channel.TEAMS);
        var message = Activities.message(connector.serviceUrl(), "conv-p", AAD, "campaigns");
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        connector.clear();
    }

    @Test
    void startProgressAndFinishReachTheOwnerAndTheCardIsUpdatedInPlace() throws Exception {
        CampaignView c = scheduledCampaign("Autumn news");
        campaigns.transition(c.id(), CampaignStatus.SENDING, "delivery.start", Actor.scheduler());
        FakeConnector.Call card = connector.await(call -> call.method().equals("POST") && call.card() != null
                && call.card().toString().contains("Sending \\\"Autumn news\\\""), WAIT);
        assertThat(card.path()).startsWith("/v3/conversations/conv-p/activities");

        events.publishEvent(
                new DeliveryEvent.Progress(c.id(), c.name(), 2, 1, 0, 0, Instant.parse("2026-11-26T10:00:00Z")));
        FakeConnector.Call update = connector
            .await(call -> call.method().equals("PUT") && call.card().toString().contains("1 of 2"), WAIT);
        assertThat(update.path()).isEqualTo("/v3/conversations/conv-p/activities/" + card.responseId());
        assertThat(update.card().toString()).contains("Estimated finish", "Thu 26 Nov 2026, 11:00");

        campaigns.transition(c.id(), CampaignStatus.SENT, "delivery.finish", Actor.scheduler());
        connector.await(call -> "message".equals(call.type()) && call.text() != null
                && call.text().startsWith("\"Autumn news\" has finished sending"), WAIT);
        connector.await(call -> call.method().equals("PUT") && call.card().toString().contains("sent")
                && !call.card().toString().contains("Pause"), WAIT);
    }

    @Test
    void aPauseByLuxIsAnnouncedWithTheWayOut() throws Exception {
        CampaignView c = scheduledCampaign("Winter sale");
        campaigns.transition(c.id(), CampaignStatus.SENDING, "delivery.start", Actor.scheduler());
        campaigns.transition(c.id(), CampaignStatus.PAUSED, "delivery.throttled", Actor.system());
        FakeConnector.Call message = connector
            .await(call -> call.text() != null && call.text().startsWith("LUX paused"), WAIT);
        assertThat(message.text()).contains("resume Winter sale");
    }

    private CampaignView scheduledCampaign(String name) {
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, java.util.Set.of("vip"), null),
                admin);
        var template = templates.create(new TemplateContent("T " + name, "Hi", "<p>Hi</p>", null), admin);
        CampaignView c = campaigns.create(new NewCampaign(name, template.id(), null, AudienceFilter.anyOf("vip")),
                admin);
        return campaigns.schedule(c.id(), null, null, admin);
    }

}
