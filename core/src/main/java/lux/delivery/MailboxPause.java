package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A mailbox-wide pause after a 429/503 Retry-After, on the mailbox's row so every
 * instance holds off together; and the row lock a reservation takes first, which makes
 * one mailbox's reservations take turns across instances.
 */
final class MailboxPause {

    private static final Logger log = LoggerFactory.getLogger(MailboxPause.class);

    private final JdbcTemplate jdbc;

    private final MailboxRows rows;

    private final Clock clock;

    MailboxPause(JdbcTemplate jdbc, MailboxRows rows, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * A 429/503 asked the whole mailbox to wait: every instance holds off until then.
     * Only ever extends a pause.
     */
    void backOff(String sender, Duration retryAfter) {
        String key = MailboxRows.key(sender);
        OffsetDateTime until = MailboxRows.time(clock.instant().plus(retryAfter));
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (jdbc.update(
                        "UPDATE mailbox_limit SET blocked_until = ? WHERE mailbox = ? AND (blocked_until IS NULL OR blocked_until < ?)",
                        until, key, until) > 0 || rows.exist(key)) {
                    return;
                }
                rows.create(key);
            }
        }
        catch (DataAccessException e) {
            log.warn("Could not store the Retry-After pause of {} ({}); this instance's recipients still wait for it",
                    sender, e.getMessage());
        }
    }

    /**
     * Inside a reservation's transaction: locks the mailbox's row unless it is paused.
     * Empty when locked (the day's count cannot change under the reservation until it
     * commits); else the wait, or why to try the transaction again.
     */
    Optional<MailboxPool.Step> lockUnlessPaused(String key, Instant now) {
        if (jdbc.update(
                "UPDATE mailbox_limit SET blocked_until = blocked_until WHERE mailbox = ? AND (blocked_until IS NULL OR blocked_until <= ?)",
                key, MailboxRows.time(now)) > 0) {
            return Optional.empty();
        }
        List<OffsetDateTime> blocked = jdbc.query("SELECT blocked_until FROM mailbox_limit WHERE mailbox = ?",
                (rs, i) -> rs.getObject(1, OffsetDateTime.class), key);
        if (blocked.isEmpty()) {
            return Optional.of(MailboxPool.Retry.MISSING_ROWS);
        }
        if (blocked.get(0) != null && blocked.get(0).toInstant().isAfter(now)) {
            return Optional.of(new MailboxPool.Wait(blocked.get(0).toInstant(), false));
        }
        // The row changed between this UPDATE's snapshot and now (another instance
        // created or updated it): ask again
        return Optional.of(MailboxPool.Retry.LOST_RACE);
    }

}
