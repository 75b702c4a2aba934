package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import lux.audit.Actor;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A turn that repeats the conversation reference this instance stored for the user
 * moments ago writes nothing; anything new (another conversation, another speaker, a
 * changed reference or zone, or time passing) is written, so "the conversation the user
 * spoke in last" stays right.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, properties = "lux.delivery.enabled=false")
class ConversationReferenceWritesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ServiceUrlPolicy serviceUrls;

    final MutableClock clock = new MutableClock(T0);

    ConversationStore store;

    long ada;

    long bob;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        store = new ConversationStore(jdbc, clock, serviceUrls);
        ada = users.create(new NewUser("ada@lux.test", "Ada", null, Role.ADMIN), Actor.system()).getId();
        bob = users.create(new NewUser("bob@lux.test", "Bob", null, Role.MARKETER), Actor.system()).getId();
    }

    @Test
    void anUnchangedReferenceIsNotWrittenAgainWithinTheInterval() {
        store.saveReference(ada, reference("conv-a", "ada"), BERLIN);
        clock.advance(Duration.ofSeconds(5));
        store.saveReference(ada, reference("conv-a", "ada"), BERLIN);
        assertThat(writtenAt("conv-a")).isEqualTo(T0);

        clock.advance(ConversationStore.UNCHANGED_REWRITE);
        store.saveReference(ada, reference("conv-a", "ada"), BERLIN);
        assertThat(writtenAt("conv-a")).isEqualTo(T0.plus(ConversationStore.UNCHANGED_REWRITE).plusSeconds(5));
    }

    @Test
    void aChangedZoneOrReferenceIsWrittenAtOnce() {
        store.saveReference(ada, reference("conv-a", "ada"), BERLIN);
        clock.advance(Duration.ofSeconds(1));
        store.saveReference(ada, reference("conv-a", "ada"), ZoneId.of("UTC"));
        assertThat(jdbc.queryForObject("SELECT zone FROM teams_conversation WHERE conversation_id = 'conv-a'",
                String.class))
            .isEqualTo("UTC");

        clock.advance(Duration.ofSeconds(1));
        ConversationReference renamed = reference("conv-a", "ada");
        renamed.getUser().setName("Ada L.");
        store.saveReference(ada, renamed, ZoneId.of("UTC"));
        assertThat(writtenAt("conv-a")).isEqualTo(T0.plusSeconds(2));
        assertThat(jdbc.queryForObject("SELECT reference FROM teams_conversation WHERE conversation_id = 'conv-a'",
                String.class))
            .contains("Ada L.");
    }

    @Test
    void theConversationSpokenInLastStaysTheLatestWhenTheUserGoesBackAndForth() {
        store.saveReference(ada, reference("conv-a", "ada"), BERLIN);
        clock.advance(Duration.ofSeconds(1));
        store.saveReference(ada, reference("conv-b", "ada"), BERLIN);
        clock.advance(Duration.ofSeconds(1));
        store.saveReference(ada, reference("conv-a", "ada"), BERLIN);

        assertThat(writtenAt("conv-a")).isEqualTo(T0.plusSeconds(2));
        assertThat(store.latestReference(ada))
            .hasValueSatisfying(s -> assertThat(s.reference().getConversation().getId()).isEqualTo("conv-a"));
    }

    @Test
    void aGroupChatRowFollowsWhoeverSpokeLast() {
        store.saveReference(ada, reference("conv-group", "ada"), BERLIN);
        clock.advance(Duration.ofSeconds(1));
        store.saveReference(bob, reference("conv-group", "bob"), BERLIN);
        clock.advance(Duration.ofSeconds(1));
        store.saveReference(ada, reference("conv-group", "ada"), BERLIN);

        assertThat(jdbc.queryForObject("SELECT user_id FROM teams_conversation WHERE conversation_id = 'conv-group'",
                Long.class))
            .isEqualTo(ada);
        assertThat(writtenAt("conv-group")).isEqualTo(T0.plusSeconds(2));
    }

    private Instant writtenAt(String conversationId) {
        return jdbc
            .queryForObject("SELECT updated_at FROM teams_conversation WHERE conversation_id = ?",
                    java.time.OffsetDateTime.class, conversationId)
            .toInstant()
            .atOffset(ZoneOffset.UTC)
            .toInstant();
    }

    private static ConversationReference reference(String conversationId, String user) {
        ConversationReference reference = new ConversationReference();
        reference.setServiceUrl("http://127.0.0.1:3979/");
        reference.setChannelId("emulator");
        reference.setConversation(new ConversationAccount(conversationId));
        reference.setUser(new ChannelAccount(user + "-id", user));
        return reference;
    }

}
