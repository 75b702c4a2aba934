package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.RecipientStatus;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.NewContact;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@DatabaseTest
// One batch loop: @RecordApplicationEvents only sees events published on the test's own
// thread, and the Progress
// events of a second loop would be published on a delivery thread.
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.batch-size=2", "lux.delivery.parallel-batches=1",
                "lux.public-base-url=https://lux.example.com",
                "lux.mail.postal-address=Example Ltd, 1 Main St, Berlin" })
@RecordApplicationEvents
class OutboxDeliveryTest {

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    OutboxService outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void sendsEveryMatchingContactOnceWithTrackingAndSkipsTheUnmailable() {
        DeliveryFixture.contacts(contacts, "ok", 4, "news");
        long unsubscribed = contacts
            .create(new NewContact("gone@example.net", null, null, null, Map.of(), Set.of("news"), "t"), Actor.system())
            .id();
        contacts.changeStatus(unsubscribed, ContactStatus.UNSUBSCRIBED, Actor.system());
        contacts.create(new NewContact("blocked@example.net", null, null, null, Map.of(), Set.of("news"), "t"),
                Actor.system());
        suppressions.suppressAddress("blocked@example.net", SuppressionReason.MANUAL, null, Actor.system());
        contacts.create(new NewContact("x@competitor.test", null, null, null, Map.of(), Set.of("news"), "t"),
                Actor.system());
        suppressions.suppressDomain("competitor.test", null, Actor.system());
        contacts.create(new NewContact("erased@example.net", null, null, null, Map.of(), Set.of("news"), "t"),
                Actor.system());
        suppressions.suppressErased("erased@example.net", Actor.system());
        contacts.create(new NewContact("other@example.net", null, null, null, Map.of(), Set.of("other"), "t"),
                Actor.system());
        long template = DeliveryFixture.template(templates, "news");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, template, "November news", "news", null);

        assertThat(engine.startDueCampaigns()).isEqualTo(1);
        assertThat(engine.startDueCampaigns()).isZero();
        engine.work(java.time.Duration.ofSeconds(30));

        CampaignView done = campaigns.get(campaign.id());
        assertThat(done.status()).isEqualTo(CampaignStatus.SENT);
        assertThat(done.recipientsTotal()).isEqualTo(4);
        assertThat(done.sentCount()).isEqualTo(4);
        List<OutboxMessage> messages = outbox.list(campaign.id(), 0, 100);
        assertThat(messages).extracting(OutboxMessage::to)
            .containsExactlyInAnyOrder("ok0@example.net", "ok1@example.net", "ok2@example.net", "ok3@example.net");
        OutboxMessage first = messages.stream().filter(m -> m.to().equals("ok1@example.net")).findFirst().orElseThrow();
        assertThat(first.subject()).isEqualTo("Hi Name1");
        assertThat(first.from()).isEqualTo("lux@localhost.localdomain");
        assertThat(first.headers()).containsEntry("X-LUX-Message-Id",
                "lux-c" + campaign.id() + "-r" + first.recipientId());
        assertThat(first.html()).contains("Hello Name1")
            .contains("href=\"https://lux.example.com/t/c/")
            .doesNotContain("href=\"https://example.com/offer")
            .doesNotContain("href=\"http://example.org/blog")
            .contains("href=\"mailto:sales@example.com\"")
            .contains("href=\"tel:+4912345\"")
            .contains("href=\"#top\"")
            .contains("src=\"https://lux.example.com/t/o/")
            .contains("href=\"https://lux.example.com/u/")
            .contains("Example Ltd, 1 Main St, Berlin");
        assertThat(first.text()).contains("https://lux.example.com/t/c/")
            .doesNotContain("https://example.com/offer")
            .contains("Unsubscribe: https://lux.example.com/u/")
            .contains("Example Ltd, 1 Main St, Berlin");
        assertThat(jdbc.queryForList("SELECT url FROM campaign_link WHERE campaign_id = ? ORDER BY url", String.class,
                campaign.id()))
            .containsExactly("http://example.org/blog", "https://example.com/offer?x=1&y=2");
        assertThat(outbox.get(first.id()).to()).isEqualTo("ok1@example.net");

        assertThat(events.stream(DeliveryEvent.Started.class)).singleElement()
            .satisfies(e -> assertThat(e.recipients()).isEqualTo(4));
        assertThat(events.stream(DeliveryEvent.Progress.class)).hasSize(2);
        assertThat(events.stream(DeliveryEvent.Finished.class)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(CampaignStatus.SENT);
            assertThat(e.sent()).isEqualTo(4);
        });
    }

    @Test
    void pauseStopsSendingAfterTheCurrentBatchAndResumeContinues() {
        DeliveryFixture.contacts(contacts, "p", 6, "news");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "t"),
                "Pausable", "news", null);
        engine.startDueCampaigns();
        assertThat(engine.runBatch(campaign.id())).isTrue();
        campaigns.pause(campaign.id(), Actor.system());

        assertThat(engine.runBatch(campaign.id())).isFalse();
        engine.work(java.time.Duration.ofSeconds(5));
        assertThat(outbox.count(campaign.id())).isEqualTo(2);
        assertThat(campaigns.recipientCounts(campaign.id())).containsEntry(RecipientStatus.PENDING, 4L);

        campaigns.resume(campaign.id(), Actor.system());
        engine.work(java.time.Duration.ofSeconds(30));
        assertThat(outbox.count(campaign.id())).isEqualTo(6);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
    }

    @Test
    void cancelStopsSendingAndLeavesTheRestUnsent() {
        DeliveryFixture.contacts(contacts, "c", 6, "news");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "t"),
                "Cancelled", "news", null);
        engine.startDueCampaigns();
        engine.runBatch(campaign.id());
        campaigns.cancel(campaign.id(), Actor.system());
        engine.work(java.time.Duration.ofSeconds(5));
        assertThat(outbox.count(campaign.id())).isEqualTo(2);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void aContactWhoUnsubscribesAfterTheStartIsSkipped() {
        DeliveryFixture.contacts(contacts, "s", 2, "news");
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "t"),
                "Skip", "news", null);
        engine.startDueCampaigns();
        contacts.changeStatus(contacts.findByEmail("s1@example.net").orElseThrow().id(), ContactStatus.UNSUBSCRIBED,
                Actor.system());
        engine.work(java.time.Duration.ofSeconds(10));
        CampaignView done = campaigns.get(campaign.id());
        assertThat(done.sentCount()).isEqualTo(1);
        assertThat(done.skippedCount()).isEqualTo(1);
        assertThat(done.status()).isEqualTo(CampaignStatus.SENT);
    }

    @Test
    void theFooterSpeaksEachContactsLanguageAndEnglishWhenUnsetOrNotOffered() {
        Map<String, String> languages = Map.of("de@example.net", "de", "at@example.net", "de-AT", "en@example.net",
                "en", "fr@example.net", "fr", "none@example.net", "");
        languages.forEach(
                (email, language) -> contacts.create(
                        new NewContact(email, "N", null, null,
                                language.isEmpty() ? Map.of() : Map.of("language", language), Set.of("lang"), "t"),
                        Actor.system()));
        CampaignView campaign = DeliveryFixture.scheduledNow(campaigns, DeliveryFixture.template(templates, "lang"),
                "Languages", "lang", null);
        engine.startDueCampaigns();
        engine.work(java.time.Duration.ofSeconds(30));

        Map<String, OutboxMessage> sent = new java.util.HashMap<>();
        outbox.list(campaign.id(), 0, 100).forEach(m -> sent.put(m.to(), m));
        assertThat(sent).hasSize(5);
        for (String german : List.of("de@example.net", "at@example.net")) {
            assertThat(sent.get(german).html()).as(german).contains(">Abmelden</a>").doesNotContain("Unsubscribe");
            assertThat(sent.get(german).text()).as(german)
                .contains("Abmelden: https://lux.example.com/u/")
                .doesNotContain("Unsubscribe");
        }
        for (String english : List.of("en@example.net", "fr@example.net", "none@example.net")) {
            assertThat(sent.get(english).html()).as(english).contains(">Unsubscribe</a>").doesNotContain("Abmelden");
            assertThat(sent.get(english).text()).as(english).contains("Unsubscribe: https://lux.example.com/u/");
        }
    }

}
