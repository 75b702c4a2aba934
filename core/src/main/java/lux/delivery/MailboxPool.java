package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * them together: messages per minute (sliding window), recipients per UTC day, concurrent requests, and a
 * mailbox-wide pause after a 429/503 Retry-After. Several mailboxes can be pooled; {@link #tryAcquire} picks
 * the first with room.
 *
 * <p>A reservation is one short transaction of conditional updates (tables in V28): the mailbox row first (day
 * count below the limit and no pause, else nothing changes), then a free per-minute slot, then a free request
 * slot. Any refusal rolls the whole reservation back. The mailbox row's lock orders reservations for one
 * mailbox, and each UPDATE re-checks its condition, so no instance can overtake another between a read and a
 * write. Request slots are leases: a crashed instance's slot frees itself after {@code requestLease}.
 *
 * <p>Times come from the instances' clocks (kept in step by NTP); a second of skew moves a window by a second.
 * With limits disabled nothing here touches the database.
 */
class MailboxPool {
    private static final Logger log = LoggerFactory.getLogger(MailboxPool.class);
    private static final String MINUTE = "minute";
    private static final String REQUEST = "request";
    private static final OffsetDateTime FREE = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final LocalDate NEVER = LocalDate.of(1970, 1, 1);
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

    /** A granted slot; give it back with {@link #release}. {@code request}/{@code holder} name its request lease. */
    record Slot(String sender, int request, String holder) {
        Slot(String sender) {
            this(sender, -1, null);
        }
    }

    /** Why no slot is free right now, and when one will be. */
    record Wait(Instant until, boolean dailyLimit) {
    }

    /** A slot on one of {@code senders}, or how long to wait; never blocks for long (one short transaction each). */
    Object tryAcquire(Collection<String> senders) {
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
     * per-minute rate, within what is left of each UTC day's quota (today's recipients already reserved by any
     * instance count against it), continuing at midnight.
     */
    Instant estimateFinish(long remaining, List<String> senders, Instant start) {
        if (!limits.enabled() || remaining <= 0) {
            return start;
        }
        int boxes = Math.max(1, senders.size());
        double rate = ratePerSecond(boxes);
        long perDay = (long) limits.perDay() * boxes;
        LocalDate startDay = LocalDate.ofInstant(start, ZoneOffset.UTC);
        long used = startDay.equals(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)) ? usedOn(startDay, senders) : 0;
        Instant midnight = startDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long firstDay = Math.min(Math.max(0, perDay - used), (long) Math.floor(rate * Duration.between(start, midnight).toSeconds()));
        if (remaining <= firstDay) {
            return start.plusSeconds((long) Math.ceil(remaining / rate));
        }
        long left = remaining - firstDay;
        long fullDay = Math.max(1, Math.min(perDay, (long) Math.floor(rate * 86_400)));
        long days = (left - 1) / fullDay;
        return midnight.plus(Duration.ofDays(days)).plusSeconds((long) Math.ceil((left - days * fullDay) / rate));
    }

    private long usedOn(LocalDate day, List<String> senders) {
        if (senders.isEmpty()) {
            return 0;
        }
        try {
            List<Object> args = new java.util.ArrayList<>(List.of(limits.perDay(), limits.perDay(), day));
            senders.stream().map(MailboxPool::key).distinct().forEach(args::add);
            Long used = jdbc.queryForObject("SELECT COALESCE(SUM(CASE WHEN quota_used > ? THEN ? ELSE quota_used END), 0) FROM mailbox_limit "
                    + "WHERE quota_day = ? AND mailbox IN (" + String.join(",", Collections.nCopies(args.size() - 3, "?")) + ")",
                    Long.class, args.toArray());
            return used == null ? 0 : used;
        } catch (DataAccessException e) {
            return 0; // an estimate without today's usage beats none
        }
    }

    private Object reserve(String sender, Instant now) {
        String key = key(sender);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                Object result = tx.execute(status -> {
                    Object r = reserveIn(sender, key, now);
                    if (!(r instanceof Slot)) {
                        status.setRollbackOnly(); // a refusal undoes the day count or minute slot taken before it
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
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // A day only moves forward: an instance whose clock is still before midnight cannot reset a newer count.
        int counted = jdbc.update("UPDATE mailbox_limit SET quota_used = CASE WHEN quota_day = ? THEN quota_used + 1 ELSE 1 END, quota_day = ? "
                        + "WHERE mailbox = ? AND (blocked_until IS NULL OR blocked_until <= ?) AND (quota_day < ? OR (quota_day = ? AND quota_used < ?))",
                today, today, key, at, today, today, limits.perDay());
        if (counted == 0) {
            return refusal(key, now);
        }
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

    /** Why the mailbox row refused: a Retry-After pause, the day's quota, no row yet, or a lost race (ask again). */
    private Object refusal(String key, Instant now) {
        List<Object[]> rows = jdbc.query("SELECT blocked_until, quota_day, quota_used FROM mailbox_limit WHERE mailbox = ?",
                (rs, i) -> new Object[] {rs.getObject(1, OffsetDateTime.class), rs.getObject(2, LocalDate.class), rs.getInt(3)}, key);
        if (rows.isEmpty()) {
            return MISSING_ROWS;
        }
        OffsetDateTime blocked = (OffsetDateTime) rows.get(0)[0];
        if (blocked != null && blocked.toInstant().isAfter(now)) {
            return new Wait(blocked.toInstant(), false);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate day = (LocalDate) rows.get(0)[1];
        if (day.isAfter(today) || day.equals(today) && (int) rows.get(0)[2] >= limits.perDay()) {
            return new Wait(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
        }
        // The row changed between this UPDATE's snapshot and now (another instance created or updated it): ask again
        return LOST_RACE;
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
        insertIfAbsent("INSERT INTO mailbox_limit (mailbox, quota_day, quota_used) VALUES (?, ?, 0) ON CONFLICT DO NOTHING", key, NEVER);
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
