package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignChanges;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.campaigns.SendApprovalService;
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
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Send approval in Teams: approvers who have talked to LUX hear of a request (the
 * requester and, with approvers=admins, marketers do not), and the requester hears the
 * decision with the reason.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.campaigns.approval.required=true",
                "lux.campaigns.approval.approvers=admins" })
class ApprovalNotificationsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();

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
    SendApprovalService approvals;

    @Autowired
    ConversationStore conversations;

    @Autowired
    lux.agent.tools.ConfirmationService confirmations;

    @BeforeEach
    void cleanSlate() {
        DatabaseCleaner.clean(jdbc);
        connector.clear();
    }

    @Test
    void adminsAreAskedAndTheRequesterHearsTheRejection() throws Exception {
        Actor mia = talkedToLux("mia@lux.test", Role.MARKETER, "conv-mia");
        Actor tom = talkedToLux("tom@lux.test", Role.MARKETER, "conv-tom");
        Actor ana = talkedToLux("ana@lux.test", Role.ADMIN, "conv-ana");
        contacts.create(new NewContact("x@example.com", null, null, null, null, Set.of("vip"), null), mia);
        var template = templates.create(new TemplateContent("T", "Hi", "<p>Hi</p>", null), mia);
        CampaignView c = campaigns.create(new NewCampaign("Launch", template.id(), null, AudienceFilter.anyOf("vip")),
                mia);

        campaigns.schedule(c.id(), null, null, mia);

        FakeConnector.Call asked = connector
            .await(call -> call.text() != null && call.text().contains("asks for approval"), WAIT);
        assertThat(asked.path()).startsWith("/v3/conversations/conv-ana/");
        assertThat(asked.text()).contains("mia@lux.test asks for approval to send \"Launch\" to about 1 recipients",
                "approve Launch");

        approvals.reject(c.id(), "Wait for the press release", ana);
        FakeConnector.Call told = connector.await(call -> call.text() != null && call.text().contains("rejected"),
                WAIT);
        assertThat(told.path()).startsWith("/v3/conversations/conv-mia/");
        assertThat(told.text()).isEqualTo("ana@lux.test rejected \"Launch\": Wait for the press release. "
                + "It is a draft again; change it and schedule it to ask again.");
        assertThat(connector.calls()).noneMatch(call -> call.path().contains("conv-tom"));
        assertThat(connector.calls())
            .filteredOn(call -> call.text() != null && call.text().contains("asks for approval"))
            .hasSize(1);
        assertThat(tom.userId()).isNotNull();
    }

    @Test
    void aChangeAfterConfirmWithdrawsTheCardAndTheRequestAndSaysSoInTeams() throws Exception {
        Actor mia = talkedToLux("mia@lux.test", Role.MARKETER, "conv-mia");
        Actor tom = talkedToLux("tom@lux.test", Role.MARKETER, "conv-tom");
        contacts.create(new NewContact("x@example.com", null, null, null, null, Set.of("vip"), null), mia);
        var template = templates.create(new TemplateContent("T", "Hi", "<p>Hi</p>", null), mia);
        CampaignView c = campaigns.create(new NewCampaign("Launch", template.id(), null, AudienceFilter.anyOf("vip")),
                mia);
        var card = confirmations.requestSchedule(mia, c.id(), null, ZoneId.of("UTC"));
        contacts.create(new NewContact("y@example.com", null, null, null, null, Set.of("all"), null), tom);

        campaigns.update(c.id(), new CampaignChanges(null, null, null, AudienceFilter.anyOf("vip", "all")), tom);

        FakeConnector.Call told = connector
            .await(call -> call.text() != null && call.text().contains("confirmation card"), WAIT);
        assertThat(told.path()).startsWith("/v3/conversations/conv-mia/");
        assertThat(told.text()).contains("Campaign \"Launch\" changed after LUX showed you its confirmation card",
                "changed by tom@lux.test", "confirm again");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> confirmations.confirm(card.nonce(), mia))
            .hasMessageContaining("withdrawn");

        // asked again and confirmed: the approval request is withdrawn when the template
        // changes before anyone decides
        confirmations.confirm(confirmations.requestSchedule(mia, c.id(), null, ZoneId.of("UTC")).nonce(), mia);
        templates.update(template.id(), new TemplateContent("T", "Hi", "<p>Changed</p>", null), tom);
        FakeConnector.Call withdrawn = connector
            .await(call -> call.text() != null && call.text().contains("was withdrawn"), WAIT);
        assertThat(withdrawn.path()).startsWith("/v3/conversations/conv-mia/");
        assertThat(withdrawn.text()).contains("template \"T\" was edited by tom@lux.test");
    }

    /**
     * What a real turn leaves behind: the user's conversation reference, pointing at the
     * (fake) connector.
     */
    private Actor talkedToLux(String email, Role role, String conversationId) {
        var user = users.create(new NewUser(email, email, null, role), Actor.system());
        ConversationReference reference = new ConversationReference();
        reference.setServiceUrl(connector.serviceUrl());
        reference.setChannelId("msteams");
        reference.setConversation(new ConversationAccount(conversationId));
        reference.setBot(new ChannelAccount("bot", "LUX"));
        reference.setUser(new ChannelAccount("user-" + user.getId(), email));
        conversations.saveReference(user.getId(), reference, ZoneId.of("UTC"));
        return new Actor(user.getId(), email, Channel.TEAMS);
    }

}
