package lux.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import lux.abtests.AbMetric;
import lux.abtests.AbMode;
import lux.abtests.AbTestService;
import lux.abtests.AbTestStatus;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.AgentTestApplication;
import lux.agent.ConfirmationKind;
import lux.agent.TurnRequest;
import lux.agent.tools.ConfirmationService;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "test 'Last seats' against 'Join us Tuesday' on 20% and send the winner after 4 hours"
 * typed in command mode: the person reads one short line and the Confirm card, which says
 * what the test will do; Confirm schedules it. Nothing is sent before.
 */
@DatabaseTest
@Import(AbTestCommandsTest.Clocks.class)
@SpringBootTest(classes = AgentTestApplication.class, properties = "lux.delivery.enabled=false")
class AbTestCommandsTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    static class Clocks {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

    }

    @Autowired
    CommandMode commands;

    @Autowired
    ConfirmationService confirmations;

    @Autowired
    AbTestService abTests;

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
    DeliveryEngine engine;

    Actor mia;

    CampaignView draft;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        var u = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        mia = new Actor(u.getId(), u.getEmail(), Channel.TEAMS);
        for (int i = 0; i < 10; i++) {
            contacts.create(new NewContact("p" + i + "@example.com", "P" + i, null, null, null, Set.of("vip"), null),
                    mia);
        }
        long template = templates.create(new TemplateContent("Webinar", "Webinar", "<p>Hi</p>", null), mia).id();
        draft = campaigns.create(new NewCampaign("Webinar invite", template, null,
                new AudienceFilter(Set.of("vip"), Set.of(), Set.of())), mia);
    }

    @Test
    void theSentenceBecomesAConfirmCardThatSaysWhatTheTestWillDo() {
        AgentReply reply = say("test 'Last seats' against 'Join us Tuesday' on 20% and send the winner after 4 hours");

        assertThat(reply.text()).isEqualTo("A/B test of \"Webinar invite\" is set up: A: Last seats vs B: Join us "
                + "Tuesday on 20%. Check the card and press Confirm to send the test.");
        assertThat(reply.text()).doesNotContain("NOTHING", "DATA", "the user");
        AgentOutput.Confirmation card = (AgentOutput.Confirmation) reply.outputs().get(0);
        assertThat(card.kind()).isEqualTo(ConfirmationKind.SCHEDULE);
        assertThat(card.campaign().name()).isEqualTo("Webinar invite");
        assertThat(card.warnings()).anySatisfy(w -> assertThat(w.message())
            .isEqualTo("A/B test: A \"Last seats\" vs B \"Join us Tuesday\" to 20% of the audience (2 people, 1 each). "
                    + "After 4 hours LUX sends the winner by opens to the rest."));
        assertThat(campaigns.get(draft.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        var test = abTests.view(draft.id());
        assertThat(test.status()).isEqualTo(AbTestStatus.SETUP);
        assertThat(test.mode()).isEqualTo(AbMode.AUTO);
        assertThat(test.waitTime().toHours()).isEqualTo(4);

        confirmations.confirm(card.nonce(), mia);
        assertThat(campaigns.get(draft.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void clicksAndAPersonsChoiceAndANamedCampaignAreUnderstood() {
        AgentReply reply = say("test \"Early bird\" vs \"Last call\" vs \"Final hours\" on 30% by clicks after 90 "
                + "minutes and let me choose in campaign \"Webinar invite\"");

        assertThat(reply.outputs()).singleElement().isInstanceOf(AgentOutput.Confirmation.class);
        var test = abTests.view(draft.id());
        assertThat(test.variants()).extracting(v -> v.subject())
            .containsExactly("Early bird", "Last call", "Final hours");
        assertThat(test.metric()).isEqualTo(AbMetric.CLICKS);
        assertThat(test.mode()).isEqualTo(AbMode.MANUAL);
        assertThat(test.testPercent()).isEqualTo(30);
        assertThat(test.waitTime().toMinutes()).isEqualTo(90);

        AgentReply results = say("results Webinar invite");
        assertThat(results.outputs()).singleElement().isInstanceOf(AgentOutput.AbTest.class);
        AgentReply early = say("winner B of Webinar invite");
        assertThat(early.text()).startsWith("Sorry, that did not work: The A/B test of \"Webinar invite\" is setup");
        assertThat(early.outputs()).isEmpty();
    }

    @Test
    void theWinnersConfirmCardCountsOnlyThoseTheWinnerReallyGoesTo() {
        AgentOutput.Confirmation schedule = (AgentOutput.Confirmation) say(
                "test 'Last seats' against 'Join us Tuesday' on 20% and let me choose")
            .outputs()
            .get(0);
        confirmations.confirm(schedule.nonce(), mia);
        engine.startDueCampaigns();
        while (engine.runBatch(draft.id())) {
            // until both test recipients are sent
        }
        assertThat(campaigns.get(draft.id()).status()).isEqualTo(CampaignStatus.SENT);

        AgentReply reply = say("winner B of Webinar invite");
        AgentOutput.Confirmation card = (AgentOutput.Confirmation) reply.outputs().get(0);
        assertThat(card.kind()).isEqualTo(ConfirmationKind.CHOOSE_WINNER);
        // 10 in the audience, 2 of them in the test share: the winner goes to 8
        assertThat(card.audienceCount()).isEqualTo(8);
        assertThat(card.note()).startsWith("B: \"Join us Tuesday\" goes to the rest of the audience");
    }

    @Test
    void aRefusedTestSaysWhyAndAPlainTestSendIsStillATestSend() {
        AgentReply reply = say("test 'Only' against 'Two' on 80%");
        assertThat(reply.text()).contains("between 1% and 50%");
        assertThat(reply.outputs()).isEmpty();
        assertThat(List.of(say("test").text())).allMatch(t -> !t.contains("A/B"));
    }

    private AgentReply say(String text) {
        return commands.handle(new TurnRequest(mia, "conv-1", text, ZoneId.of("Europe/Berlin"), null));
    }

}
