package lux.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each mailbox's reading stands (Graph's nextLink or deltaLink), in the database so
 * any instance carries on.
 */
@Component
public class MailboxCursors {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    MailboxCursors(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> get(String mailbox) {
        return jdbc.queryForList("SELECT delta_link FROM mailbox_cursor WHERE mailbox = ?", String.class, mailbox)
            .stream()
            .filter(link -> link != null && !link.isBlank())
            .findFirst();
    }

    /**
     * Saves the link to read from next; null starts the mailbox over (messages already
     * handled are not acted on again).
     */
    public void save(String mailbox, String link) {
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE mailbox_cursor SET delta_link = ?, updated_at = ? WHERE mailbox = ?", link, now,
                mailbox) == 0) {
            jdbc.update(
                    "INSERT INTO mailbox_cursor (mailbox, delta_link, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    mailbox, link, now);
        }
    }

}
