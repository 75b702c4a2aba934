package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exchange Online's limits per sender mailbox, held in the database so that every LUX
 * instance on it honours them together: messages per minute (sliding window), recipients
 * per rolling 24 hours (as Exchange counts them), concurrent requests, and a mailbox-wide
 * pause after a 429/503 Retry-After. Several mailboxes can be pooled; {@link #tryAcquire}
 * picks the first with room.
 *
 * <p>
 * A reservation is one short transaction (tables in V28, V63): the mailbox row first
 * ({@link MailboxPause}: no pause, else nothing changes; its row lock makes one mailbox's
 * reservations take turns across instances), then the day's count
 * ({@link RollingDayQuota}: below the limit, and one more in this hour), then a free
 * per-minute slot, then a free request slot ({@link SendingSlots}). Any refusal rolls the
 * whole reservation back. Request slots are leases: a crashed instance's slot frees
 * itself after {@code requestLease}.
 *
 * <p>
 * Times come from the instances' clocks (kept in step by NTP); a second of skew moves a
 * window by a second. With limits disabled nothing here touches the database.
 */
class MailboxPool {

    private static final Logger log = LoggerFactory.getLogger(MailboxPool.class);
    static final Duration DAY_WINDOW = RollingDayQuota.DAY_WINDOW;

    /**
     * How soon to ask again when only a request slot (or a row lock) was missing: sends
     * take about that long.
     */
    static final Duration SOON = Duration.ofMillis(100);

    /**
     * How long to hold off when the database itself failed; longer than the engine waits
     * inline.
     */
    private static final Duration DATABASE_TROUBLE = Duration.ofSeconds(5);

    private final DeliveryProperties.Limits limits;

    private final TransactionTemplate tx;

    private final Clock clock;

    private final MailboxRows rows;

    private final MailboxPause pause;

    private final RollingDayQuota quota;

    private final SendingSlots slots;

    private final FinishEstimate estimate;

    MailboxPool(DeliveryProperties.Limits limits, JdbcTemplate jdbc, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        // plain JDBC work in a transaction of its own; callers (sender threads) run
        // outside any transaction
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.rows = new MailboxRows(jdbc, limits);
        this.pause = new MailboxPause(jdbc, rows, clock);
        this.quota = new RollingDayQuota(jdbc, limits);
        this.slots = new SendingSlots(jdbc, limits);
        this.estimate = new FinishEstimate(limits, quota);
    }

    /** What {@link #tryAcquire} gives: a slot, or how long to wait for one. */
    sealed interface Reservation permits Slot, Wait {

    }

    /**
     * One step of a reservation's transaction: a reservation, or why to run the
     * transaction again.
     */
    sealed interface Step permits Slot, Wait, Retry {

    }

    /**
     * A granted slot; give it back with {@link #release}. {@code request}/{@code holder}
     * name its request lease.
     */
    record Slot(String sender, int request, String holder) implements Reservation, Step {
        Slot(String sender) {
            this(sender, -1, null);
        }
    }

    /** Why no slot is free right now, and when one will be. */
    record Wait(Instant until, boolean dailyLimit) implements Reservation, Step {
    }

    /**
     * The mailbox's rows are not there yet (create them), or another instance changed the
     * row meanwhile.
     */
    enum Retry implements Step {

        MISSING_ROWS, LOST_RACE

    }

    /**
     * A slot on one of {@code senders}, or how long to wait; never blocks for long (one
     * short transaction each).
     */
    Reservation tryAcquire(Collection<String> senders) {
        if (!limits.enabled()) {
            return new Slot(senders.iterator().next());
        }
        Instant now = clock.instant();
        Instant soonest = null;
        boolean allDaily = true;
        for (String sender : senders) {
            Reservation result = reserve(sender, now);
            if (result instanceof Slot slot) {
                return slot;
            }
            Wait wait = (Wait) result;
            allDaily &= wait.dailyLimit();
            soonest = soonest == null || wait.until().isBefore(soonest) ? wait.until() : soonest;
        }
        return new Wait(soonest, allDaily);
    }

    /**
     * Gives the request slot back. Never throws: a slot that cannot be freed now expires
     * with its lease.
     */
    void release(Slot slot) {
        if (!limits.enabled() || slot.holder() == null) {
            return;
        }
        slots.release(slot);
    }

    /**
     * A 429/503 asked the whole mailbox to wait: every instance holds off until then.
     * Only ever extends a pause.
     */
    void backOff(String sender, Duration retryAfter) {
        if (!limits.enabled()) {
            return;
        }
        pause.backOff(sender, retryAfter);
    }

    /** Recipients per second this pool can send at most, for estimates. */
    double ratePerSecond(int mailboxCount) {
        return estimate.ratePerSecond(mailboxCount);
    }

    /**
     * When {@code remaining} more messages will be out at the configured limits, starting
     * now.
     */
    Instant estimateFinish(long remaining, List<String> senders) {
        return estimateFinish(remaining, senders, clock.instant());
    }

    /**
     * When {@code remaining} more messages will be out at the configured limits, starting
     * at {@code start} (see {@link FinishEstimate}).
     */
    Instant estimateFinish(long remaining, List<String> senders, Instant start) {
        return estimate.finish(remaining, senders, start);
    }

    private Reservation reserve(String sender, Instant now) {
        String key = MailboxRows.key(sender);
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                Step result = tx.execute(status -> {
                    Step r = reserveIn(sender, key, now);
                    if (!(r instanceof Slot)) {
                        status.setRollbackOnly(); // a refusal undoes the hour's count or
                                                  // minute slot taken before it
                    }
                    return r;
                });
                if (result == Retry.MISSING_ROWS) {
                    rows.create(key);
                }
                else if (result instanceof Reservation reservation) {
                    return reservation;
                }
            }
            return new Wait(now.plus(SOON), false);
        }
        catch (TransientDataAccessException e) {
            return new Wait(now.plus(SOON), false); // lock timeout or deadlock victim:
                                                    // ask again shortly
        }
        catch (DataAccessException e) {
            log.warn("Could not reserve a sending slot of {} ({}); holding off {}", sender, e.getMessage(),
                    DATABASE_TROUBLE);
            return new Wait(now.plus(DATABASE_TROUBLE), false);
        }
    }

    /**
     * Inside the transaction, in this order: the mailbox row (locked), the day's count, a
     * minute slot, a request slot.
     */
    private Step reserveIn(String sender, String key, Instant now) {
        Optional<Step> paused = pause.lockUnlessPaused(key, now);
        if (paused.isPresent()) {
            return paused.get();
        }
        Optional<Wait> dayFull = quota.full(key, now);
        if (dayFull.isPresent()) {
            return dayFull.get();
        }
        quota.count(key, now);
        Optional<Step> noMinute = slots.takeMinute(key, now);
        if (noMinute.isPresent()) {
            return noMinute.get();
        }
        return slots.takeRequest(sender, key, now);
    }

}
