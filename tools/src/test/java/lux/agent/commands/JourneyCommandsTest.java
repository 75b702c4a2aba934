package lux.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.AgentTestApplication;
import lux.agent.TurnRequest;
import lux.agent.tools.ConfirmationService;
import lux.agent.tools.JourneyConfirmations;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.journeys.JourneyService;
import lux.journeys.JourneyView;
import lux.shared.ConflictException;
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
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A journey said in one sentence in Teams: a card lists its steps, and only its owner's
 * Confirm starts exactly that journey.
 */
@DatabaseTest
@Import(CommandModeCardsTest.Clocks.class)
@SpringBootTest(classes = AgentTestApplication.class, properties = "lux.delivery.enabled=false")
class JourneyCommandsTest {

    static final String SENTENCE = "journey Trial: when someone gets the tag trial, send Welcome now and Tips three days later if they didn't click";

    @Autowired
    CommandMode commands;

    @Autowired
    JourneyConfirmations journeyConfirmations;

    @Autowired
    ConfirmationService confirmations;

    @Autowired
    JourneyService journeys;

    @Autowired
    TemplateService templates;

    @Autowired
    UserService users;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    Actor mia;

    Actor ada;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(CommandModeCardsTest.NOW);
        var m = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        var a = users.create(new NewUser("ada@lux.test", "Ada", null, Role.ADMIN), Actor.system());
        mia = new Actor(m.getId(), m.getEmail(), Channel.TEAMS);
        ada = new Actor(a.getId(), a.getEmail(), Channel.TEAMS);
        templates.create(new TemplateContent("Welcome", "Welcome", "<p>Hi</p>", null), Actor.system());
        templates.create(new TemplateContent("Tips", "Tips", "<p>Tips</p>", null), Actor.system());
    }

    @Test
    void theSentenceIsReadIntoATriggerAndSteps() {
        JourneySentence s = JourneySentence.parse(
                "Trial: when someone gets the tag trial, send Welcome now and Tips three days later if they didn't click");
        assertThat(s.name()).isEqualTo("Trial");
        assertThat(s.trigger()).isEqualTo("tag:trial");
        assertThat(s.steps()).containsExactly("send Welcome", "wait three days", "unless clicked", "send Tips");
        assertThat(JourneySentence.parse("7 days before renewal_date, send Renewal").trigger())
            .isEqualTo("date:renewal_date-7");
        assertThat(
                JourneySentence.parse("when someone signs up, send Welcome, then wait 2 days, then send Tips").steps())
            .containsExactly("send Welcome", "wait 2 days", "send Tips");
    }

    @Test
    void aCardListsTheStepsAndOnlyItsOwnersConfirmStartsTheJourney() {
        AgentReply reply = commands.handle(new TurnRequest(mia, "conv-1", SENTENCE, CommandModeCardsTest.ZONE, null));

        assertThat(reply.text()).isEqualTo("Check the steps and press Confirm to start the journey.");
        AgentOutput.JourneyConfirmation card = (AgentOutput.JourneyConfirmation) reply.outputs().get(0);
        assertThat(card.name()).isEqualTo("Trial");
        assertThat(card.trigger().describe()).isEqualTo("when a contact gets the tag trial");
        assertThat(JourneyConfirmations.lines(card.steps())).containsExactly("1. Send Welcome", "2. Wait 3 days",
                "3. if clicked go to step 5, else next", "4. Send Tips");
        assertThat(journeys.list()).isEmpty();

        assertThatThrownBy(() -> confirmations.confirm(card.nonce(), mia)).isInstanceOf(ConflictException.class)
            .hasMessage("This card is about a journey, not a campaign. Nothing was done.");
        assertThatThrownBy(() -> journeyConfirmations.confirm(card.nonce(), ada))
            .hasMessage("This card was made for someone else; only they can confirm it.");
        JourneyView started = journeyConfirmations.confirm(card.nonce(), mia);
        assertThat(started.steps()).hasSize(4);
        assertThat(journeys.list()).extracting(JourneyView::name).containsExactly("Trial");
        assertThatThrownBy(() -> journeyConfirmations.confirm(card.nonce(), mia))
            .hasMessage("This card was already used. Nothing more was done.");

        assertThat(commands.handle(new TurnRequest(mia, "conv-1", "journeys", CommandModeCardsTest.ZONE, null)).text())
            .startsWith("Journeys:\n- Trial (active): when a contact gets the tag trial, 4 steps, 0 on the way");
        assertThat(
                commands.handle(new TurnRequest(mia, "conv-1", "journey pause Trial", CommandModeCardsTest.ZONE, null))
                    .text())
            .isEqualTo("Journey \"Trial\" is paused.");
    }

    @Test
    void aTemplateThatDoesNotExistIsSaidAtOnceAndNoCardIsShown() {
        AgentReply reply = commands.handle(new TurnRequest(mia, "conv-1",
                "journey when someone gets the tag x, send Nothing now", CommandModeCardsTest.ZONE, null));
        assertThat(reply.text()).startsWith("Sorry, that did not work:").contains("Nothing");
        assertThat(reply.outputs()).isEmpty();
        assertThat(List.of(jdbc.queryForObject("SELECT COUNT(*) FROM agent_confirmation", Long.class)))
            .containsExactly(0L);
    }

    @Test
    void journeyAndItsNameShowsItsLiveNumbersAndCampaignsLeavesOutItsStepCampaigns() {
        AgentReply asked = commands.handle(new TurnRequest(mia, "conv-1", SENTENCE, CommandModeCardsTest.ZONE, null));
        journeyConfirmations.confirm(((AgentOutput.JourneyConfirmation) asked.outputs().get(0)).nonce(), mia);
        long welcome = jdbc.queryForObject("SELECT id FROM email_template WHERE name = 'Welcome'", Long.class);
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, java.util.Map.of(),
                java.util.Set.of("trial"), "test"), mia);
        campaigns.create(new NewCampaign("Newsletter", welcome, null, AudienceFilter.anyOf("trial")), mia);

        AgentReply shown = commands
            .handle(new TurnRequest(mia, "conv-1", "journey trial", CommandModeCardsTest.ZONE, null));
        assertThat(shown.text()).isEqualTo("Here is how \"Trial\" is going.");
        AgentOutput.JourneyProgress card = (AgentOutput.JourneyProgress) shown.outputs().get(0);
        assertThat(card.journey().name()).isEqualTo("Trial");
        assertThat(card.stats().enrolled()).isEqualTo(1);
        assertThat(card.stats().inFlight()).isEqualTo(1);
        assertThat(card.stats().steps()).hasSize(4);
        assertThat(
                commands.handle(new TurnRequest(mia, "conv-1", "journey stats Nope", CommandModeCardsTest.ZONE, null))
                    .text())
            .startsWith("Sorry, that did not work:")
            .contains("Nope");

        AgentReply listed = commands
            .handle(new TurnRequest(mia, "conv-1", "campaigns", CommandModeCardsTest.ZONE, null));
        assertThat(((AgentOutput.Campaigns) listed.outputs().get(0)).campaigns()).extracting(CampaignView::name)
            .containsExactly("Newsletter");
    }

}
