package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.RecipientStatus;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A template that passes its check against the sample contact but blows up for one
 * recipient's data (a billion loop iterations): the sending thread stops it at the render
 * budget, marks that recipient failed with the reason, and sends everyone else; nothing
 * hangs and nothing is retried.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.batch-size=10", "lux.delivery.parallel-batches=1",
                "lux.public-base-url=https://lux.example.com", "lux.mail.postal-address=Example Ltd, 1 Main St, Berlin",
                "lux.templates.max-loop-iterations=5000" })
@Timeout(60)
class OverBudgetTemplateDeliveryTest {

    private static final String BOMB = "{% if contact.plan == 'bomb' %}{% for a in range(1000) %}{% for b in range(1000) %}"
            + "{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}{% endif %}<p>Hello {{ contact.first_name }}</p>";

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    OutboxService outbox;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void anOverBudgetRenderFailsThatRecipientWithTheReasonAndTheRestAreSent() {
        DeliveryFixture.contacts(contacts, "ok", 3, "news");
        contacts.create(new NewContact("mallory@example.net", "Mallory", null, null, Map.of("plan", "bomb"),
                Set.of("news"), "t"), Actor.system());
        long template = templates
            .create(new TemplateContent("Loop bomb", "Hi {{ contact.first_name }}", BOMB, null), Actor.system())
            .id();
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, template, "Bombed", "news", null);

        long start = System.nanoTime();
        assertThat(engine.startDueCampaigns()).isEqualTo(1);
        engine.work(Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(campaigns.recipientCounts(campaign.id())).containsEntry(RecipientStatus.SENT, 3L)
            .containsEntry(RecipientStatus.FAILED, 1L)
            .containsEntry(RecipientStatus.PENDING, 0L);
        assertThat(outbox.list(campaign.id(), 0, 10)).extracting(OutboxMessage::to)
            .containsExactlyInAnyOrder("ok0@example.net", "ok1@example.net", "ok2@example.net");
        assertThat(jdbc
            .queryForObject("SELECT r.last_error FROM campaign_recipient r JOIN contact c ON c.id = r.contact_id"
                    + " WHERE c.email = 'mallory@example.net'", String.class))
            .contains("template \"Loop bomb\"")
            .contains("loops ran more than 5000 times")
            .contains("lux.templates.max-loop-iterations");
    }

}
