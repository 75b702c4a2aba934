package lux.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.TestDatabase;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Opt-in: talks to the real model named by lux.ai.* when OPENAI_API_KEY is set (never in
 * CI). It checks that the model really picks LUX's typed tools and that a send request
 * still stops at the confirmation card.
 */
@EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
@ContextConfiguration(initializers = TestDatabase.class)
@SpringBootTest(classes = AgentTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.ai.api-key=${OPENAI_API_KEY}" })
class LiveOpenAiTest {

    @Autowired
    LuxAgent agent;

    @Autowired
    UserService users;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JdbcTemplate jdbc;

    Actor mia;

    @BeforeEach
    void data() {
        DatabaseCleaner.clean(jdbc);
        var m = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        mia = new Actor(m.getId(), m.getEmail(), Channel.TEAMS);
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, Set.of("vip"), null), mia);
        contacts.create(new NewContact("ben@example.com", "Ben", null, null, null, Set.of("vip"), null), mia);
    }

    @Test
    void theRealModelCountsThroughATool() {
        AgentReply reply = agent.reply(new TurnRequest(mia, "live-1", "How many contacts are tagged vip?", null, null));
        assertThat(reply.toolsCalled()).containsAnyOf("countAudience", "findContacts");
        assertThat(reply.text().toLowerCase()).containsAnyOf("2", "two");
    }

    @Test
    void aRequestToSendEndsAtTheConfirmationCardNotAtASend() {
        AgentReply reply = agent.reply(new TurnRequest(mia, "live-2",
                "Invite everyone tagged vip to our webinar next Tuesday at 10 and schedule it.", null, null));
        assertThat(reply.outputs()).anyMatch(AgentOutput.Confirmation.class::isInstance);
        assertThat(campaigns.countByStatus().get(CampaignStatus.SCHEDULED)).isZero();
    }

}
