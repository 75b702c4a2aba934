package lux.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import lux.agent.testsupport.ScriptedOpenAi;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A model that answers slowly (within its per-call timeout, so the HTTP client alone
 * would wait) cannot hold a Teams turn open: the turn's deadline ends the wait and the
 * user gets a plain message.
 */
@DatabaseTest
@SpringBootTest(classes = AgentTestApplication.class, properties = { "lux.delivery.enabled=false",
        "lux.ai.turn-deadline=3s", "lux.ai.timeout=60s", "lux.ai.max-retries=0" })
class TurnDeadlineTest {

    static final ScriptedOpenAi openAi = start();

    @Autowired
    LuxAgent agent;

    @Autowired
    UserService users;

    @Autowired
    JdbcTemplate jdbc;

    Actor mia;

    static ScriptedOpenAi start() {
        try {
            return new ScriptedOpenAi();
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("lux.ai.api-key", () -> "sk-test-key");
        registry.add("lux.ai.base-url", openAi::baseUrl);
    }

    @AfterAll
    static void stop() {
        openAi.close();
    }

    @BeforeEach
    void cleanSlate() {
        DatabaseCleaner.clean(jdbc);
        openAi.reset();
        var user = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        mia = new Actor(user.getId(), user.getEmail(), Channel.TEAMS);
    }

    @Test
    void aSlowModelCannotHoldTheTurnPastItsDeadline() {
        openAi.slowText(Duration.ofSeconds(20), "finally");
        long started = System.nanoTime();

        AgentReply reply = agent.reply(new TurnRequest(mia, "conv-1", "hello", ZoneId.of("Europe/Berlin"), null));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(12));
        assertThat(reply.text()).contains("did not finish within the time LUX allows");
        assertThat(openAi.requests()).hasSize(1); // one call, abandoned; nothing retried
                                                  // past the deadline
        assertThat(jdbc.queryForObject("SELECT outcome FROM ai_usage", String.class)).isEqualTo("FAILED");
    }

}
