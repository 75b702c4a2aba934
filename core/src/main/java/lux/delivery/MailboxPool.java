package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import lux.shared.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exchange Online's limits per sender mailbox, held in the database so that every LUX instance on it honours
 * them together: messages per minute (sliding window), recipients per rolling 24 hours (as Exchange counts
 * them), concurrent requests, and a mailbox-wide pause after a 429/503 Retry-After. Several mailboxes can be
 * pooled; {@link #tryAcquire} picks the first with room.
 *
 * <p>A reservation is one short transaction (tables in V28, V63): the mailbox row first (no pause, else nothing
 * changes; its row lock makes one mailbox's reservations take turns across instances), then the day's count (the
 * hourly counts of the last 25 hours, below the limit) and one more in this hour, then a free per-minute slot,
 * then a free request slot. Any refusal rolls the whole reservation back. Each slot UPDATE re-checks its
 * condition, so no instance can overtake another between a read and a write. Request slots are leases: a
 * crashed instance's slot frees itself after {@code requestLease}.
 *
 * <p>Times come from the instances' clocks (kept in step by NTP); a second of skew moves a window by a second.
 * With limits disabled nothing here touches the database.
 */
class MailboxPool {
    private static final Logger log = LoggerFactory.getLogger(MailboxPool.class);
    private static final String MINUTE = "minute";
    private static final String REQUEST = "request";
    private static final OffsetDateTime FREE = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /**
     * The day as counted: hourly counts of the last 25 hours. Exchange's window is 24 hours from each send; a send
     * late in its hour must still count 24 hours later, so an hour's count is kept one hour longer (the safe side).
     */
    static final Duration DAY_WINDOW = Duration.ofHours(25);
    /** How soon to ask again when only a request slot (or a row lock) was missing: sends take about that long. */
    private static final Duration SOON = Duration.ofMillis(100);
    /** How long to hold off when the database itself failed; longer than the engine waits inline. */
    private static final Duration DATABASE_TROUBLE = Duration.ofSeconds(5);
    private static final Object MISSING_ROWS = new Object();
    private static final Object LOST_RACE = new Object();

    private final DeliveryProperties.Limits limits;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile SqlDialect dialect;

    MailboxPool(DeliveryProperties.Limits limits, JdbcTemplate jdbc, Clock clock) {
        this.limits = limits;
        this.jdbc = jdbc;
        this.clock = clock;
        // plain JDBC work in a transaction of its own; callers (sender threads) run outside any transaction
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** What {@link #tryAcquire} gives: a slot, or how long to wait for one. */
    sealed interface Reservation permits Slot, Wait {
    }

    /** A granted slot; give it back with {@link #release}. {@code request}/{@code holder} name its request lease. */
    record Slot(String sender, int request, String holder) implements Reservation {
        Slot(String sender) {
            this(sender, -1, null);
        }
    }

    /** Why no slot is free right now, and when one will be. */
    record Wait(Instant until, boolean dailyLimit) implements Reservation {
    }

    /** A slot on one of {@code senders}, or how long to wait; never blocks for long (one short transaction each). */
    Reservation tryAcquire(Collection<String> senders) {
        if (!limits.enabled()) {
            return new Slot(senders.iterator().next());
        }
        Instant now = clock.instant();
        Instant soonest = null;
        boolean allDaily = true;
        for (String sender : senders) {
            Object result = reserve(sender, now);
            if (result instanceof Slot slot) {
                return slot;
            }
            Wait wait = (Wait) result;
            allDaily &= wait.dailyLimit();
            soonest = soonest == null || wait.until().isBefore(soonest) ? wait.until() : soonest;
        }
        return new Wait(soonest, allDaily);
    }

    /** Gives the request slot back. Never throws: a slot that cannot be freed now expires with its lease. */
    void release(Slot slot) {
        if (!limits.enabled() || slot.holder() == null) {
            return;
        }
        try {
            jdbc.update("UPDATE mailbox_slot SET busy_until = ?, holder = NULL WHERE mailbox = ? AND kind = ? AND slot = ? AND holder = ?",
                    FREE, key(slot.sender()), REQUEST, slot.request(), slot.holder());
        } catch (DataAccessException e) {
            log.warn("Could not free a request slot of {} ({}); it frees itself within {}", slot.sender(), e.getMessage(),
                    limits.requestLease());
        }
    }

    /** A 429/503 asked the whole mailbox to wait: every instance holds off until then. Only ever extends a pause. */
    void backOff(String sender, Duration retryAfter) {
        if (!limits.enabled()) {
            return;
        }
        String key = key(sender);
        OffsetDateTime until = time(clock.instant().plus(retryAfter));
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (jdbc.update("UPDATE mailbox_limit SET blocked_until = ? WHERE mailbox = ? AND (blocked_until IS NULL OR blocked_until < ?)",
                        until, key, until) > 0 || exists(key)) {
                    return;
                }
                createRows(key);
            }
        } catch (DataAccessException e) {
            log.warn("Could not store the Retry-After pause of {} ({}); this instance's recipients still wait for it", sender,
                    e.getMessage());
        }
    }

    /** Recipients per second this pool can send at most, for estimates. */
    double ratePerSecond(int mailboxCount) {
        return limits.perMinute() * Math.max(1, mailboxCount) / 60.0;
    }

    /** When {@code remaining} more messages will be out at the configured limits, starting now. */
    Instant estimateFinish(long remaining, List<String> senders) {
        return estimateFinish(remaining, senders, clock.instant());
    }

    /**
     * When {@code remaining} more messages will be out at the configured limits, starting at {@code start}: at the
     * per-minute rate while the rolling day has room (recipients any instance sent in the window count against it),
     * then a day's quota per further window, as earlier sends leave it. An upper bound when the quota binds.
     */
    Instant estimateFinish(long remaining, List<String> senders, Instant start) {
        if (!limits.enabled() || remaining <= 0) {
            return start;
        }
        int boxes = Math.max(1, senders.size());
        double rate = ratePerSecond(boxes);
        long perDay = (long) limits.perDay() * boxes;
        long used = usedInWindow(senders, start); // none for a start a whole window after the last send
        long room = Math.max(0, perDay - used);
        if (remaining <= room) {
            return start.plusSeconds((long) Math.ceil(remaining / rate));
        }
        long left = remaining - room;
        long perWindow = Math.max(1, Math.min(perDay, (long) Math.floor(rate * DAY_WINDOW.toSeconds())));
        long windows = (left - 1) / perWindow + 1;
        return start.plus(DAY_WINDOW.multipliedBy(windows)).plusSeconds((long) Math.ceil((left - (windows - 1) * perWindow) / rate));
    }

    /** Recipients of these mailboxes still in the rolling day at {@code at}, each mailbox counted up to its limit. */
    private long usedInWindow(List<String> senders, Instant at) {
        if (senders.isEmpty()) {
            return 0;
        }
        try {
            List<Object> args = new java.util.ArrayList<>(List.of(time(at.minus(DAY_WINDOW))));
            senders.stream().map(MailboxPool::key).distinct().forEach(args::add);
            List<Long> perMailbox = jdbc.queryForList("SELECT SUM(used) FROM mailbox_hour WHERE hour_start > ? AND mailbox IN ("
                    + String.join(",", Collections.nCopies(args.size() - 1, "?")) + ") GROUP BY mailbox", Long.class, args.toArray());
            return perMailbox.stream().mapToLong(n -> Math.min(n, limits.perDay())).sum();
        } catch (DataAccessException e) {
            return 0; // an estimate without the window's usage beats none
        }
    }

    private Object reserve(String sender, Instant now) {
        String key = key(sender);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                Object result = tx.execute(status -> {
                    Object r = reserveIn(sender, key, now);
                    if (!(r instanceof Slot)) {
                        status.setRollbackOnly(); // a refusal undoes the hour's count or minute slot taken before it
                    }
                    return r;
                });
                if (result == MISSING_ROWS) {
                    createRows(key);
                } else if (result != LOST_RACE) {
                    return result;
                }
            }
            return new Wait(now.plus(SOON), false);
        } catch (TransientDataAccessException e) {
            return new Wait(now.plus(SOON), false); // lock timeout or deadlock victim: ask again shortly
        } catch (DataAccessException e) {
            log.warn("Could not reserve a sending slot of {} ({}); holding off {}", sender, e.getMessage(), DATABASE_TROUBLE);
            return new Wait(now.plus(DATABASE_TROUBLE), false);
        }
    }

    private Object reserveIn(String sender, String key, Instant now) {
        OffsetDateTime at = time(now);
        // the mailbox row first: not paused, and locked until commit, so the day's count below cannot change under us
        if (jdbc.update("UPDATE mailbox_limit SET blocked_until = blocked_until WHERE mailbox = ? AND (blocked_until IS NULL OR blocked_until <= ?)",
                key, at) == 0) {
            return refusal(key, now);
        }
        Object[] day = jdbc.queryForObject("SELECT COALESCE(SUM(used), 0), MIN(hour_start) FROM mailbox_hour WHERE mailbox = ? AND hour_start > ?",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)}, key, time(now.minus(DAY_WINDOW)));
        if ((long) day[0] >= limits.perDay()) {
            return new Wait(((OffsetDateTime) day[1]).toInstant().plus(DAY_WINDOW), true); // when the oldest counted hour leaves
        }
        countInThisHour(key, now);
        Integer minute = freeSlot(key, MINUTE, limits.perMinute(), at);
        if (minute == null) {
            return slotsMissing(key, MINUTE, limits.perMinute()) ? MISSING_ROWS : new Wait(earliestFree(key, MINUTE, limits.perMinute(), now), false);
        }
        if (!take(key, MINUTE, minute, at, at.plusSeconds(60), null)) {
            return new Wait(now.plus(SOON), false);
        }
        Integer request = freeSlot(key, REQUEST, limits.concurrent(), at);
        if (request == null) {
            return slotsMissing(key, REQUEST, limits.concurrent()) ? MISSING_ROWS : new Wait(now.plus(SOON), false);
        }
        String holder = UUID.randomUUID().toString();
        if (!take(key, REQUEST, request, at, at.plus(limits.requestLease()), holder)) {
            return new Wait(now.plus(SOON), false);
        }
        return new Slot(sender, request, holder);
    }

    /** Why the mailbox row refused: a Retry-After pause, no row yet, or a lost race (ask again). */
    private Object refusal(String key, Instant now) {
        List<OffsetDateTime> blocked = jdbc.query("SELECT blocked_until FROM mailbox_limit WHERE mailbox = ?",
                (rs, i) -> rs.getObject(1, OffsetDateTime.class), key);
        if (blocked.isEmpty()) {
            return MISSING_ROWS;
        }
        if (blocked.get(0) != null && blocked.get(0).toInstant().isAfter(now)) {
            return new Wait(blocked.get(0).toInstant(), false);
        }
        // The row changed between this UPDATE's snapshot and now (another instance created or updated it): ask again
        return LOST_RACE;
    }

    /** One more recipient in this hour's count; a new hour also drops the counts that have left the window. */
    private void countInThisHour(String key, Instant now) {
        OffsetDateTime hour = time(now.truncatedTo(ChronoUnit.HOURS));
        if (jdbc.update("UPDATE mailbox_hour SET used = used + 1 WHERE mailbox = ? AND hour_start = ?", key, hour) == 0) {
            jdbc.update("INSERT INTO mailbox_hour (mailbox, hour_start, used) VALUES (?, ?, 1)", key, hour);
            jdbc.update("DELETE FROM mailbox_hour WHERE mailbox = ? AND hour_start <= ?", key, time(now.minus(DAY_WINDOW)));
        }
    }

    private Integer freeSlot(String key, String kind, int count, OffsetDateTime at) {
        List<Integer> free = jdbc.queryForList("SELECT slot FROM mailbox_slot WHERE mailbox = ? AND kind = ? AND slot < ? AND busy_until <= ? "
                + "ORDER BY slot FETCH FIRST 1 ROWS ONLY", Integer.class, key, kind, count, at);
        return free.isEmpty() ? null : free.get(0);
    }

    /** Takes a slot only if it is still free (the condition is checked again under the row lock). */
    private boolean take(String key, String kind, int slot, OffsetDateTime at, OffsetDateTime busyUntil, String holder) {
        return jdbc.update("UPDATE mailbox_slot SET busy_until = ?, holder = ? WHERE mailbox = ? AND kind = ? AND slot = ? AND busy_until <= ?",
                busyUntil, holder, key, kind, slot, at) == 1;
    }

    private boolean slotsMissing(String key, String kind, int count) {
        Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM mailbox_slot WHERE mailbox = ? AND kind = ? AND slot < ?",
                Integer.class, key, kind, count);
        return present == null || present < count;
    }

    private Instant earliestFree(String key, String kind, int count, Instant now) {
        OffsetDateTime earliest = jdbc.queryForObject("SELECT MIN(busy_until) FROM mailbox_slot WHERE mailbox = ? AND kind = ? AND slot < ?",
                OffsetDateTime.class, key, kind, count);
        return earliest == null || !earliest.toInstant().isAfter(now) ? now.plus(SOON) : earliest.toInstant();
    }

    private boolean exists(String key) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM mailbox_limit WHERE mailbox = ?", Integer.class, key);
        return n != null && n > 0;
    }

    /** The mailbox's row and slots, created once by whichever instance comes first (each statement on its own). */
    private void createRows(String key) {
        insertIfAbsent("INSERT INTO mailbox_limit (mailbox) VALUES (?) ON CONFLICT DO NOTHING", key);
        // one statement per kind, however many slots the limits ask for
        String numbers = dialect() == SqlDialect.POSTGRESQL ? "generate_series(0, ?) AS n(i)" : "SYSTEM_RANGE(0, ?) AS n(i)";
        for (Object[] kind : new Object[][] {{MINUTE, limits.perMinute()}, {REQUEST, limits.concurrent()}}) {
            insertIfAbsent("INSERT INTO mailbox_slot (mailbox, kind, slot, busy_until) SELECT ?, ?, CAST(n.i AS INTEGER), ? FROM "
                    + numbers + " ON CONFLICT DO NOTHING", key, kind[0], FREE, (int) kind[1] - 1);
        }
    }

    private SqlDialect dialect() {
        SqlDialect d = dialect;
        if (d == null) {
            d = SqlDialect.of(jdbc.getDataSource());
            dialect = d;
        }
        return d;
    }

    private void insertIfAbsent(String sql, Object... args) {
        try {
            jdbc.update(sql, args);
        } catch (DuplicateKeyException e) {
            // another instance created it at the same moment
        }
    }

    private static String key(String sender) {
        return sender.trim().toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
