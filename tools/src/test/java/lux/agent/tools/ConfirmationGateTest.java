package lux.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import lux.agent.AgentOutput;
import lux.agent.AgentTestApplication;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.shared.LuxException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The confirmation gate on its own: only its owner, once, before it expires; the nonce is
 * stored hashed.
 */
@DatabaseTest
@Import(ConfirmationGateTest.Clocks.class)
@SpringBootTest(classes = AgentTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.mail.default-sender=news@lux.test" })
@org.springframework.test.context.event.RecordApplicationEvents
class ConfirmationGateTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    static final ZoneId ZONE = ZoneId.of("America/New_York");

    @TestConfiguration
    static class Clocks {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

    }

    @Autowired
    ConfirmationService gate;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    org.springframework.test.context.event.ApplicationEvents events;

    Actor mia;

    Actor noah;

    CampaignView campaign;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        mia = actor("mia@lux.test");
        noah = actor("noah@lux.test");
        contacts.create(new NewContact("ana@example.com", null, null, null, null, Set.of("vip"), null), mia);
        var template = templates.create(new TemplateContent("T", "S", "<p>B</p>", null), mia);
        campaign = campaigns.create(new NewCampaign("News", template.id(), null, AudienceFilter.anyOf("vip")), mia);
    }

    @Test
    void theOwnerConfirmsOnceAndTheCampaignIsScheduledInTheirZone() {
        AgentOutput.Confirmation card = gate.requestSchedule(mia, campaign.id(),
                LocalDateTime.parse("2026-11-27T08:30"), ZONE);
        assertThat(card.audienceCount()).isEqualTo(1);
        assertThat(card.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM agent_confirmation WHERE nonce_hash = ?", Long.class,
                card.nonce()))
            .isZero();

        CampaignView scheduled = gate.confirm(card.nonce(), mia);
        assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(scheduled.scheduledAt()).isEqualTo(Instant.parse("2026-11-27T13:30:00Z"));
        assertThatThrownBy(() -> gate.confirm(card.nonce(), mia)).isInstanceOf(LuxException.class)
            .hasMessageContaining("already used");
    }

    @Test
    void anotherUserCannotPressIt() {
        AgentOutput.Confirmation card = gate.requestSchedule(mia, campaign.id(), null, ZONE);
        assertThatThrownBy(() -> gate.confirm(card.nonce(), noah)).hasMessageContaining("someone else");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(gate.confirm(card.nonce(), mia).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void anExpiredOrUnknownOrDeclinedCardDoesNothing() {
        AgentOutput.Confirmation late = gate.requestSchedule(mia, campaign.id(), null, ZONE);
        clock.advance(Duration.ofMinutes(31));
        assertThatThrownBy(() -> gate.confirm(late.nonce(), mia)).hasMessageContaining("expired");
        assertThatThrownBy(() -> gate.confirm("made-up-by-a-model", mia)).hasMessageContaining("unknown");
        AgentOutput.Confirmation declined = gate.requestSchedule(mia, campaign.id(), null, ZONE);
        assertThat(gate.decline(declined.nonce(), mia).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThatThrownBy(() -> gate.confirm(declined.nonce(), mia)).hasMessageContaining("already used");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void pastTimesEmptyAudiencesAndPausedCampaignsAreRefusedBeforeACardExists() {
        assertThatThrownBy(
                () -> gate.requestSchedule(mia, campaign.id(), LocalDateTime.parse("2026-11-25T10:00"), ZONE))
            .hasMessageContaining("in the past");
        var template = templates.create(new TemplateContent("T2", "S", "<p>B</p>", null), mia);
        contacts.create(new NewContact("x@example.com", null, null, null, null, Set.of("nobody-active"), null), mia);
        jdbc.update("UPDATE contact SET status = 'UNSUBSCRIBED' WHERE email = 'x@example.com'");
        CampaignView empty = campaigns
            .create(new NewCampaign("Empty", template.id(), null, AudienceFilter.anyOf("nobody-active")), mia);
        assertThatThrownBy(() -> gate.requestSchedule(mia, empty.id(), null, ZONE))
            .hasMessageContaining("would reach nobody");
        campaigns.cancel(campaign.id(), mia);
        assertThatThrownBy(() -> gate.requestSchedule(mia, campaign.id(), null, ZONE))
            .hasMessageContaining("is cancelled and cannot be scheduled");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM agent_confirmation", Long.class)).isZero();
    }

    @Test
    void anEditAfterTheCardWasMadeWithdrawsItAndNothingIsScheduled() {
        contacts.create(new NewContact("all@example.com", null, null, null, null, Set.of("everyone"), null), mia);
        AgentOutput.Confirmation card = gate.requestSchedule(mia, campaign.id(), null, ZONE);
        assertThat(card.sender()).isEqualTo("news@lux.test (default)");
        // the edit the API's PATCH /api/v1/campaigns/{id} makes, after the card showed "1
        // recipient tagged vip"
        campaigns.update(campaign.id(),
                new lux.campaigns.CampaignChanges(null, null, null, AudienceFilter.anyOf("vip", "everyone")), noah);

        assertThatThrownBy(() -> gate.confirm(card.nonce(), mia)).isInstanceOf(LuxException.class)
            .hasMessageContaining("withdrawn");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(events.stream(ConfirmationWithdrawn.class)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(mia.userId()); // she is told in Teams
            assertThat(e.campaignName()).isEqualTo("News");
            assertThat(e.what()).contains("changed by noah@lux.test");
        });
        assertThat(jdbc.queryForObject("SELECT outcome FROM agent_confirmation", String.class)).isEqualTo("WITHDRAWN");
    }

    @Test
    void aTemplateEditAfterTheCardWasMadeWithdrawsIt() {
        AgentOutput.Confirmation card = gate.requestSchedule(mia, campaign.id(), null, ZONE);
        templates.update(campaign.templateId(), new TemplateContent("T", "S", "<p>Something else</p>", null), noah);

        assertThatThrownBy(() -> gate.confirm(card.nonce(), mia)).hasMessageContaining("withdrawn");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(events.stream(ConfirmationWithdrawn.class)).singleElement()
            .satisfies(e -> assertThat(e.what()).contains("template \"T\" was edited"));
    }

    @Test
    void aChangeThatBypassedTheServicesIsStillCaughtWhenConfirming() {
        AgentOutput.Confirmation card = gate.requestSchedule(mia, campaign.id(), null, ZONE);
        jdbc.update("UPDATE email_template SET html_body = '<p>Swapped</p>'"); // no
                                                                               // event,
                                                                               // no
                                                                               // withdrawal

        assertThatThrownBy(() -> gate.confirm(card.nonce(), mia))
            .hasMessageContaining("changed after this card was made");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        jdbc.update("UPDATE email_template SET html_body = '<p>B</p>'"); // exactly what
                                                                         // the card
                                                                         // showed again
        assertThat(gate.confirm(card.nonce(), mia).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void cancellingNeedsTheOwnersPressAndCannotBeWithdrawnByAnEdit() {
        campaigns.schedule(campaign.id(), null, ZONE, mia);
        AgentOutput.Confirmation card = gate.requestCancel(mia, campaign.id(), ZONE);
        assertThat(card.kind()).isEqualTo(lux.agent.ConfirmationKind.CANCEL);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThatThrownBy(() -> gate.confirm(card.nonce(), noah)).hasMessageContaining("someone else");
        assertThat(gate.confirm(card.nonce(), mia).status()).isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void resumingAPausedCampaignNeedsItsOwnConfirmation() {
        campaigns.schedule(campaign.id(), null, ZONE, mia);
        campaigns.pause(campaign.id(), mia);
        AgentOutput.Confirmation card = gate.requestResume(mia, campaign.id(), ZONE);
        assertThat(card.kind()).isEqualTo(lux.agent.ConfirmationKind.RESUME);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(gate.confirm(card.nonce(), mia).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    private Actor actor(String email) {
        var u = users.create(new NewUser(email, email, null, Role.MARKETER), Actor.system());
        return new Actor(u.getId(), u.getEmail(), Channel.TEAMS);
    }

}
