package lux.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Set;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.AgentTestApplication;
import lux.agent.TurnRequest;
import lux.agent.tools.ConfirmationService;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.ApprovalState;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Send approval through Teams commands: confirm asks, the requester cannot approve, a
 * second person confirms or rejects.
 */
@DatabaseTest
@SpringBootTest(classes = AgentTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.campaigns.approval.required=true" })
class ApprovalCommandsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Autowired
    CommandMode commands;

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

    Actor mia;

    Actor noah;

    CampaignView campaign;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        mia = actor("mia@lux.test");
        noah = actor("noah@lux.test");
        contacts.create(new NewContact("ana@example.com", null, null, null, null, Set.of("vip"), null), mia);
        var template = templates.create(new TemplateContent("T", "S", "<p>B</p>", null), mia);
        campaign = campaigns.create(new NewCampaign("Spring sale", template.id(), null, AudienceFilter.anyOf("vip")),
                mia);
    }

    @Test
    void aConfirmedScheduleWaitsAndOnlyASecondPersonApprovesOnTheirOwnCard() {
        AgentReply asked = say(mia, "schedule Spring sale now");
        // one short line; the card says that a second person must approve
        assertThat(asked.text()).isEqualTo("Check the card and press Confirm to schedule it.");
        assertThat(card(asked).warnings()).extracting(lux.campaigns.PlanCheck::message)
            .anyMatch(m -> m.contains("second person must approve"));
        CampaignView waiting = gate.confirm(card(asked).nonce(), mia);
        assertThat(waiting.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(waiting.awaitingApproval()).isTrue();

        assertThat(say(noah, "approvals").text()).contains("Spring sale").contains("asked by mia@lux.test");
        AgentReply own = say(mia, "approve Spring sale");
        assertThat(own.text()).contains("second person");
        assertThat(own.outputs()).noneMatch(o -> o instanceof AgentOutput.Confirmation);

        AgentReply approving = say(noah, "approve Spring sale");
        AgentOutput.Confirmation card = card(approving);
        assertThat(card.kind()).isEqualTo(lux.agent.ConfirmationKind.APPROVE);
        // the schedule plan, less its note that approval is needed: this card is the
        // approval
        assertThat(card.warnings()).extracting(lux.campaigns.PlanCheck::message)
            .noneMatch(m -> m.contains("second person must approve"));
        assertThat(card.blocked()).isFalse();
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT); // the
                                                                                           // card
                                                                                           // alone
                                                                                           // approves
                                                                                           // nothing
        assertThat(gate.confirm(card.nonce(), noah).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void aSecondPersonRejectsWithAReason() {
        gate.confirm(card(say(mia, "schedule Spring sale now")).nonce(), mia);

        AgentReply rejecting = say(noah, "reject Spring sale because the prices are wrong");
        AgentOutput.Confirmation card = card(rejecting);
        assertThat(card.kind()).isEqualTo(lux.agent.ConfirmationKind.REJECT);
        assertThat(card.note()).isEqualTo("the prices are wrong");
        assertThat(rejecting.text()).isEqualTo("Press Confirm on the card to reject the send."); // for
                                                                                                 // people:
                                                                                                 // the
                                                                                                 // card
                                                                                                 // says
                                                                                                 // the
                                                                                                 // rest
        assertThat(campaigns.get(campaign.id()).awaitingApproval()).isTrue(); // the card
                                                                              // alone
                                                                              // rejects
                                                                              // nothing
        assertThatThrownBy(() -> gate.confirm(card.nonce(), mia)).hasMessageContaining("made for someone else");

        gate.confirm(card.nonce(), noah);
        CampaignView after = campaigns.get(campaign.id());
        assertThat(after.approval().state()).isEqualTo(ApprovalState.REJECTED);
        assertThat(after.approval().note()).isEqualTo("the prices are wrong");
        assertThat(say(noah, "approvals").text()).contains("No campaign is waiting");
    }

    private AgentReply say(Actor who, String text) {
        return commands.handle(new TurnRequest(who, "conv-" + who.userId(), text, ZONE, null));
    }

    private static AgentOutput.Confirmation card(AgentReply reply) {
        return reply.outputs()
            .stream()
            .filter(o -> o instanceof AgentOutput.Confirmation)
            .map(o -> (AgentOutput.Confirmation) o)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no confirmation card in: " + reply.text()));
    }

    private Actor actor(String email) {
        var u = users.create(new NewUser(email, email, null, Role.MARKETER), Actor.system());
        return new Actor(u.getId(), u.getEmail(), Channel.TEAMS);
    }

}
