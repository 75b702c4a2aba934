package lux.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recipients per rolling 24 hours per mailbox, as Exchange counts them, kept as hourly
 * counts in {@code mailbox_hour} so every instance counts against the same day.
 */
final class RollingDayQuota {

    /**
     * The day as counted: hourly counts of the last 25 hours. Exchange's window is 24
     * hours from each send; a send late in its hour must still count 24 hours later, so
     * an hour's count is kept one hour longer (the safe side).
     */
    static final Duration DAY_WINDOW = Duration.ofHours(25);

    private final JdbcTemplate jdbc;

    private final DeliveryProperties.Limits limits;

    RollingDayQuota(JdbcTemplate jdbc, DeliveryProperties.Limits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /** Recipients counted in the window, and the start of its oldest counted hour. */
    private record Day(long used, OffsetDateTime oldestHour) {
    }

    /**
     * When the mailbox's day is used up: the wait until the oldest counted hour leaves
     * the window.
     */
    Optional<MailboxPool.Wait> full(String key, Instant now) {
        Day day = jdbc.queryForObject(
                "SELECT COALESCE(SUM(used), 0), MIN(hour_start) FROM mailbox_hour WHERE mailbox = ? AND hour_start > ?",
                (rs, i) -> new Day(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)), key,
                MailboxRows.time(now.minus(DAY_WINDOW)));
        if (day.used() >= limits.perDay()) {
            return Optional.of(new MailboxPool.Wait(day.oldestHour().toInstant().plus(DAY_WINDOW), true));
        }
        return Optional.empty();
    }

    /**
     * One more recipient in this hour's count; a new hour also drops the counts that have
     * left the window.
     */
    void count(String key, Instant now) {
        OffsetDateTime hour = MailboxRows.time(now.truncatedTo(ChronoUnit.HOURS));
        if (jdbc.update("UPDATE mailbox_hour SET used = used + 1 WHERE mailbox = ? AND hour_start = ?", key,
                hour) == 0) {
            jdbc.update("INSERT INTO mailbox_hour (mailbox, hour_start, used) VALUES (?, ?, 1)", key, hour);
            jdbc.update("DELETE FROM mailbox_hour WHERE mailbox = ? AND hour_start <= ?", key,
                    MailboxRows.time(now.minus(DAY_WINDOW)));
        }
    }

    /**
     * Recipients of these mailboxes still in the rolling day at {@code at}, each mailbox
     * counted up to its limit.
     */
    long usedInWindow(List<String> senders, Instant at) {
        if (senders.isEmpty()) {
            return 0;
        }
        try {
            List<Object> args = new ArrayList<>(List.of(MailboxRows.time(at.minus(DAY_WINDOW))));
            senders.stream().map(MailboxRows::key).distinct().forEach(args::add);
            List<Long> perMailbox = jdbc.queryForList(
                    "SELECT SUM(used) FROM mailbox_hour WHERE hour_start > ? AND mailbox IN ("
                            + String.join(",", Collections.nCopies(args.size() - 1, "?")) + ") GROUP BY mailbox",
                    Long.class, args.toArray());
            return perMailbox.stream().mapToLong(n -> Math.min(n, limits.perDay())).sum();
        }
        catch (DataAccessException e) {
            return 0; // an estimate without the window's usage beats none
        }
    }

}
