package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.campaigns.Resend;
import lux.campaigns.ResendService;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.segments.SegmentCondition;
import lux.segments.SegmentDefinition;
import lux.segments.SegmentService;
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

/**
 * A segment audience and a resend to non-openers, each sent through the outbox to exactly
 * the right people.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = { "lux.delivery.enabled=false",
        "lux.public-base-url=https://lux.example.com", "lux.mail.postal-address=Example Ltd, 1 Main St, Berlin" })
class SegmentAudienceDeliveryTest {

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ResendService resends;

    @Autowired
    SegmentService segments;

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

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void aSegmentAudienceSendsToExactlyItsContacts() {
        add("ana@acme.com", "Ana", Map.of("plan", "gold"), "news");
        add("bob@acme.com", "Bob", Map.of("plan", "silver"), "news");
        add("cy@other.org", "Cy", Map.of("plan", "gold"), "news");
        add("dee@acme.com", "Dee", Map.of("plan", "gold"), "other");
        add("blocked@acme.com", "Blocked", Map.of("plan", "gold"), "news");
        suppressions.suppressAddress("blocked@acme.com", SuppressionReason.MANUAL, null, Actor.system());
        long segment = segments.create("Gold at Acme",
                new SegmentDefinition(lux.contacts.AudienceFilter.anyOf("news"),
                        List.of(new SegmentCondition.AttributeEquals("plan", "gold"),
                                new SegmentCondition.EmailDomain("acme.com"))),
                Actor.system())
            .id();
        long template = DeliveryFixture.template(templates, "seg");
        CampaignView campaign = campaigns.create(new NewCampaign("Gold", template, null, null, segment),
                Actor.system());
        assertThat(campaigns.segmentOf(campaign.id())).isEqualTo(segment);
        campaigns.schedule(campaign.id(), null, null, Actor.system());

        assertThat(send(campaign.id())).containsExactly("ana@acme.com");
        assertThat(outbox.list(campaign.id(), 0, 10).get(0).subject()).isEqualTo("Hi Ana");
    }

    @Test
    void aSegmentEditedAfterConfirmationSendsNothingAndTheCampaignIsADraftAgain() {
        add("ana@acme.com", "Ana", Map.of("plan", "gold"), "news");
        add("bob@acme.com", "Bob", Map.of("plan", "silver"), "news");
        SegmentDefinition gold = new SegmentDefinition(null,
                List.of(new SegmentCondition.AttributeEquals("plan", "gold")));
        long segment = segments.create("Gold", gold, Actor.system()).id();
        CampaignView campaign = campaigns.create(
                new NewCampaign("Gold", DeliveryFixture.template(templates, "edit"), null, null, segment),
                Actor.system());
        campaigns.schedule(campaign.id(), null, null, Actor.system());
        segments.update(segment, null, new SegmentDefinition(null, List.of()), Actor.system()); // now:
                                                                                                // everyone

        engine.startDueCampaigns();
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(outbox.list(campaign.id(), 0, 10)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ?", Long.class,
                campaign.id()))
            .isZero();
    }

    @Test
    void aResendReachesRecipientsWithoutAHumanOpenAndOptionallyWithoutAClick() {
        for (String name : List.of("ana", "bob", "cy", "dan", "eve")) {
            add(name + "@example.net", name, Map.of(), "news");
        }
        long template = DeliveryFixture.template(templates, "orig");
        CampaignView original = DeliveryFixture.scheduledNow(campaigns, template, "Launch", "news", null);
        assertThat(send(original.id())).hasSize(5);
        // as tracking records it: ana opened (a person), bob's open was a scanner's, cy
        // clicked without a recorded open
        jdbc.update(
                "UPDATE campaign_recipient SET first_open_at = sent_at, human_open_at = sent_at WHERE email = 'ana@example.net'");
        jdbc.update("UPDATE campaign_recipient SET first_open_at = sent_at WHERE email = 'bob@example.net'");
        jdbc.update(
                "UPDATE campaign_recipient SET first_click_at = sent_at, human_click_at = sent_at WHERE email = 'cy@example.net'");
        suppressions.suppressAddress("eve@example.net", SuppressionReason.MANUAL, null, Actor.system()); // since
                                                                                                         // then
        add("new@example.net", "new", Map.of(), "news"); // never received the original

        CampaignView again = resends.resendToNonOpeners(original.id(),
                Resend.draft("Did you miss this, {{ contact.first_name }}?", false), Actor.system());
        assertThat(again.status()).isEqualTo(CampaignStatus.DRAFT);
        campaigns.schedule(again.id(), null, null, Actor.system());
        assertThat(send(again.id())).containsExactly("bob@example.net", "cy@example.net", "dan@example.net");
        assertThat(outbox.list(again.id(), 0, 10)).extracting(OutboxMessage::subject)
            .contains("Did you miss this, dan?");

        CampaignView withoutClickers = resends.resendToNonOpeners(original.id(), Resend.draft(null, true),
                Actor.system());
        assertThat(withoutClickers.templateId()).isEqualTo(template);
        campaigns.schedule(withoutClickers.id(), null, null, Actor.system());
        assertThat(send(withoutClickers.id())).containsExactly("bob@example.net", "dan@example.net");
    }

    private List<String> send(long campaignId) {
        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(30));
        assertThat(campaigns.get(campaignId).status()).isEqualTo(CampaignStatus.SENT);
        return outbox.list(campaignId, 0, 100).stream().map(OutboxMessage::to).sorted().toList();
    }

    private void add(String email, String firstName, Map<String, String> attributes, String tag) {
        contacts.create(new NewContact(email, firstName, null, null, attributes, Set.of(tag), "test"), Actor.system());
    }

}
