package lux.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lux.agent.testsupport.AgentConversation;
import lux.agent.testsupport.ScriptedModelBeans;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A model that answers slowly (within its per-call timeout, so the HTTP client alone
 * would wait) cannot hold a Teams turn open: the turn's deadline ends the wait and the
 * user gets a plain message.
 */
@DatabaseTest
@Import(ScriptedModelBeans.class)
@SpringBootTest(classes = AgentTestApplication.class, properties = { "lux.delivery.enabled=false",
        "lux.ai.turn-deadline=3s", "lux.ai.timeout=60s", "lux.ai.max-retries=0" })
class TurnDeadlineTest {

    @RegisterExtension
    final AgentConversation chat = new AgentConversation("conv-1");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSlowModelCannotHoldTheTurnPastItsDeadline() {
        chat.model().slowText(Duration.ofSeconds(20), "finally");
        long started = System.nanoTime();

        AgentReply reply = chat.say("hello");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(12));
        assertThat(reply.text()).contains("did not finish within the time LUX allows");
        assertThat(chat.model().requests()).hasSize(1); // one call, abandoned; nothing
                                                        // retried
        // past the deadline
        assertThat(jdbc.queryForObject("SELECT outcome FROM ai_usage", String.class)).isEqualTo("FAILED");
    }

}
