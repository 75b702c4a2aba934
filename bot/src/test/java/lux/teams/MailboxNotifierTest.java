package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.time.ZoneId;
import java.time.Duration;
import java.time.Instant;
import lux.audit.Actor;
import lux.inbound.InboundEvent;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replies and a pause for bounces reach the campaign owner's personal chat on the fake
 * connector, as cards.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false" })
class MailboxNotifierTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    ConversationStore conversations;

    long owner;

    @BeforeEach
    void ownerHasTalkedToLux() throws Exception {
        DatabaseCleaner.clean(jdbc);
        owner = users.create(new NewUser("owner@lux.test", "Olga", null, Role.MARKETER), Actor.system()).getId();
        // what a real turn leaves behind: the owner's personal conversation, pointing at
        // the (fake) connector
        ConversationReference reference = new ConversationReference();
        reference.setServiceUrl(connector.serviceUrl());
        reference.setChannelId("msteams");
        ConversationAccount personal = new ConversationAccount("conv-m");
        personal.setConversationType("personal");
        reference.setConversation(personal);
        reference.setBot(new ChannelAccount("bot", "LUX"));
        reference.setUser(new ChannelAccount("user-" + owner, "owner@lux.test"));
        conversations.saveReference(owner, reference, ZoneId.of("UTC"));
        connector.clear();
    }

    @Test
    void repliesAreAnnouncedWithAButtonToTheLatestOne() throws Exception {
        events.publishEvent(new InboundEvent.RepliesReceived(7, "Spring sale", owner, 2, 3,
                "https://outlook.office365.com/owa/?ItemID=AAMkAD%3D&exvsurl=1&viewmodel=ReadMessageItem",
                Instant.now()));
        FakeConnector.Call call = connector.await(c -> c.card() != null && c.card().toString().contains("replied to"),
                WAIT);
        assertThat(call.path()).startsWith("/v3/conversations/conv-m/activities");
        JsonNode card = call.card();
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("3 people replied to \"Spring sale\"");
        assertThat(card.path("body").get(1).path("text").asText()).startsWith("2 new since the last note.");
        assertThat(card.path("actions").get(0).path("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.path("actions").get(0).path("url").asText())
            .startsWith("https://outlook.office365.com/owa/?ItemID=");
    }

    @Test
    void aLinkThatIsNotHttpsGetsNoButton() throws Exception {
        events.publishEvent(
                new InboundEvent.RepliesReceived(7, "Spring sale", owner, 1, 1, "javascript:alert(1)", Instant.now()));
        FakeConnector.Call call = connector.await(c -> c.card() != null && c.card().toString().contains("replied to"),
                WAIT);
        assertThat(call.card().path("body").get(0).path("text").asText())
            .isEqualTo("1 person replied to \"Spring sale\"");
        assertThat(call.card().has("actions")).isFalse();
    }

    @Test
    void aPauseForBouncesSaysWhyAndTheWayOut() throws Exception {
        events.publishEvent(new InboundEvent.PausedForBounces(7, "Big list", owner, 11, 200, 0.05, Instant.now()));
        FakeConnector.Call call = connector
            .await(c -> c.card() != null && c.card().toString().contains("too many addresses bounced"), WAIT);
        String text = call.card().path("body").get(1).path("text").asText();
        assertThat(text).contains("11 of 200 messages (5.5%)", "the 5.0%", "resume Big list");
    }

}
