package lux.teams;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which conversations LUX has greeted, in the database so that a restart or a second
 * instance does not greet again. The primary key decides races: the turn whose insert
 * succeeds greets.
 */
@Component
class Welcomes {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    Welcomes(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True for the one caller that may greet this conversation. */
    boolean claim(String conversationId) {
        try {
            return jdbc.update("INSERT INTO teams_welcome (conversation_id, greeted_at) VALUES (?, ?)", conversationId,
                    Timestamp.from(clock.instant())) == 1;
        }
        catch (DuplicateKeyException already) {
            return false;
        }
    }

    void release(String conversationId) {
        jdbc.update("DELETE FROM teams_welcome WHERE conversation_id = ?", conversationId);
    }

}
