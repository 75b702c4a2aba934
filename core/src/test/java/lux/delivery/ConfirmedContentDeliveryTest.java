package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.campaigns.CampaignEvent;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.NewCampaign;
import lux.campaigns.SendApprovalService;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.shared.ForbiddenException;
import lux.shared.InvalidInputException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * What a person confirmed is what goes out, through the real delivery road into the
 * outbox: a template edited after the four-eyes approval does not reach the recipients
 * (the approved copy does), a campaign changed behind LUX's back after it was confirmed
 * is not sent at all, and a campaign may only name a configured sender.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false",
                "lux.campaigns.approval.required=true", "lux.delivery.senders=news@lux.test",
                "lux.mail.default-sender=board@lux.test" })
@RecordApplicationEvents
class ConfirmedContentDeliveryTest {

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    SendApprovalService approvals;

    @Autowired
    TemplateService templates;

    @Autowired
    ContactService contacts;

    @Autowired
    UserService users;

    @Autowired
    AuditService audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    Actor mia;

    Actor ana;

    long templateId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        mia = new Actor(users.create(new NewUser("mia@lux.test", "Mia", "x", Role.MARKETER), Actor.system()).getId(),
                "Mia", Channel.API);
        ana = new Actor(users.create(new NewUser("ana@lux.test", "Ana", "x", Role.ADMIN), Actor.system()).getId(),
                "Ana", Channel.CONSOLE);
        templateId = templates
            .create(new TemplateContent("Offer", "Our offer", "<p>Ten percent off, {{ contact.first_name }}</p>", null),
                    mia)
            .id();
        contacts.create(new NewContact("anna@example.org", "Anna", null, null, Map.of(), Set.of("vip"), null), mia);
    }

    @Test
    void aTemplateEditedAfterApprovalDoesNotGoOutTheApprovedVersionDoes() {
        long id = campaigns.create(new NewCampaign("Sale", templateId, null, AudienceFilter.anyOf("vip")), mia).id();
        campaigns.schedule(id, null, null, mia);
        approvals.approve(id, ana);
        // the requester rewrites the template after the second person approved it: the
        // four-eyes bypass of the issue
        templates.update(templateId,
                new TemplateContent("Offer", "Wire the money now", "<p>Send your bank details</p>", null), mia);
        assertThat(campaigns.get(id).status()).isEqualTo(CampaignStatus.SCHEDULED);

        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));

        assertThat(campaigns.get(id).status()).isEqualTo(CampaignStatus.SENT);
        Map<String, Object> mail = jdbc
            .queryForMap("SELECT subject, html_body FROM outbox_message WHERE campaign_id = ?", id);
        assertThat(mail.get("subject")).isEqualTo("Our offer");
        assertThat((String) mail.get("html_body")).contains("Ten percent off, Anna").doesNotContain("bank details");
    }

    @Test
    void aCampaignChangedAfterItWasConfirmedIsNotSentAndGoesBackToDraft() {
        long id = campaigns.create(new NewCampaign("Sale", templateId, null, AudienceFilter.anyOf("vip")), mia).id();
        campaigns.schedule(id, null, null, mia);
        approvals.approve(id, ana);
        contacts.create(new NewContact("everyone@example.org", "E", null, null, Map.of(), Set.of("all"), null), mia);
        // a change no service allows (straight into the database): the audience widened
        // after approval
        jdbc.update("UPDATE campaign SET audience = ? WHERE id = ?",
                "{\"anyOf\":[\"vip\",\"all\"],\"allOf\":[],\"excluded\":[]}", id);

        assertThat(engine.startDueCampaigns()).isZero();
        engine.work(Duration.ofSeconds(5));

        assertThat(campaigns.get(id).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ?", Long.class, id))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message", Long.class)).isZero();
        assertThat(events.stream(CampaignEvent.SentBack.class)).singleElement().satisfies(e -> {
            assertThat(e.ownerId()).isEqualTo(mia.userId());
            assertThat(e.reason()).contains("changed after it was confirmed").contains("nothing was sent");
        });
        assertThat(audit.forTarget("campaign", id)).extracting(e -> e.getAction())
            .contains("campaign.confirmation.withdraw");
    }

    @Test
    void onlyConfiguredSendersAndANonDefaultOneOnlyForAnAdmin() {
        NewCampaign spoofed = new NewCampaign("CEO", templateId, "ceo@lux.test", AudienceFilter.anyOf("vip"));
        assertThatThrownBy(() -> campaigns.create(spoofed, ana)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("LUX may not send from ceo@lux.test");
        NewCampaign board = new NewCampaign("Board", templateId, "board@lux.test", AudienceFilter.anyOf("vip"));
        assertThatThrownBy(() -> campaigns.create(board, mia)).isInstanceOf(ForbiddenException.class)
            .hasMessageContaining("Only an admin");
        assertThat(campaigns.create(board, ana).sender()).isEqualTo("board@lux.test");
        assertThat(
                campaigns.create(new NewCampaign("Pool", templateId, "NEWS@lux.test", AudienceFilter.anyOf("vip")), mia)
                    .sender())
            .isEqualTo("news@lux.test");
    }

}
