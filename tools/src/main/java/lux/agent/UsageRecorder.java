package lux.agent;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records the model's token use per turn (table ai_usage), including failed turns. */
@Component
class UsageRecorder {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    UsageRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(TurnRequest turn, String model, Integer inputTokens, Integer outputTokens, int toolCalls,
            String outcome) {
        jdbc.update(
                "INSERT INTO ai_usage (user_id, conversation_id, model, input_tokens, output_tokens, tool_calls, outcome, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                turn.actor().userId(), turn.conversationId(), model, inputTokens == null ? 0 : inputTokens,
                outputTokens == null ? 0 : outputTokens, toolCalls, outcome, Timestamp.from(clock.instant()));
    }

}
