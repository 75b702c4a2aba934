package lux.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A mailbox's per-minute slots (one per message in any 60 seconds) and request slots (one
 * per request in flight, a lease that frees itself after {@code requestLease} if its
 * instance dies). Each take re-checks that the slot is still free under the row lock, so
 * no instance can overtake another between a read and a write.
 */
final class SendingSlots {

    private static final Logger log = LoggerFactory.getLogger(SendingSlots.class);

    private final JdbcTemplate jdbc;

    private final DeliveryProperties.Limits limits;

    SendingSlots(JdbcTemplate jdbc, DeliveryProperties.Limits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /**
     * Takes a per-minute slot for 60 seconds: empty when taken, else the wait (or missing
     * rows).
     */
    Optional<MailboxPool.Step> takeMinute(String key, Instant now) {
        OffsetDateTime at = MailboxRows.time(now);
        Integer minute = freeSlot(key, MailboxRows.MINUTE, limits.perMinute(), at);
        if (minute == null) {
            return Optional.of(missing(key, MailboxRows.MINUTE, limits.perMinute()) ? MailboxPool.Retry.MISSING_ROWS
                    : new MailboxPool.Wait(earliestFree(key, MailboxRows.MINUTE, limits.perMinute(), now), false));
        }
        if (!take(key, MailboxRows.MINUTE, minute, at, at.plusSeconds(60), null)) {
            return Optional.of(new MailboxPool.Wait(now.plus(MailboxPool.SOON), false));
        }
        return Optional.empty();
    }

    /**
     * Takes a request slot under a fresh holder id: the granted slot, or the wait (or
     * missing rows).
     */
    MailboxPool.Step takeRequest(String sender, String key, Instant now) {
        OffsetDateTime at = MailboxRows.time(now);
        Integer request = freeSlot(key, MailboxRows.REQUEST, limits.concurrent(), at);
        if (request == null) {
            return missing(key, MailboxRows.REQUEST, limits.concurrent()) ? MailboxPool.Retry.MISSING_ROWS
                    : new MailboxPool.Wait(now.plus(MailboxPool.SOON), false);
        }
        String holder = UUID.randomUUID().toString();
        if (!take(key, MailboxRows.REQUEST, request, at, at.plus(limits.requestLease()), holder)) {
            return new MailboxPool.Wait(now.plus(MailboxPool.SOON), false);
        }
        return new MailboxPool.Slot(sender, request, holder);
    }

    /**
     * Gives the request slot back, only while this holder still has it. Never throws: it
     * expires with its lease.
     */
    void release(MailboxPool.Slot slot) {
        try {
            jdbc.update(
                    "UPDATE mailbox_slot SET busy_until = ?, holder = NULL WHERE mailbox = ? AND kind = ? AND slot = ? AND holder = ?",
                    MailboxRows.FREE, MailboxRows.key(slot.sender()), MailboxRows.REQUEST, slot.request(),
                    slot.holder());
        }
        catch (DataAccessException e) {
            log.warn("Could not free a request slot of {} ({}); it frees itself within {}", slot.sender(),
                    e.getMessage(), limits.requestLease());
        }
    }

    private Integer freeSlot(String key, String kind, int count, OffsetDateTime at) {
        List<Integer> free = jdbc.queryForList(
                "SELECT slot FROM mailbox_slot WHERE mailbox = ? AND kind = ? AND slot < ? AND busy_until <= ? "
                        + "ORDER BY slot FETCH FIRST 1 ROWS ONLY",
                Integer.class, key, kind, count, at);
        return free.isEmpty() ? null : free.get(0);
    }

    /**
     * Takes a slot only if it is still free (the condition is checked again under the row
     * lock).
     */
    private boolean take(String key, String kind, int slot, OffsetDateTime at, OffsetDateTime busyUntil,
            String holder) {
        return jdbc.update(
                "UPDATE mailbox_slot SET busy_until = ?, holder = ? WHERE mailbox = ? AND kind = ? AND slot = ? AND busy_until <= ?",
                busyUntil, holder, key, kind, slot, at) == 1;
    }

    /**
     * Fewer slots than the limits ask for: not created yet, or the limit was raised
     * since.
     */
    private boolean missing(String key, String kind, int count) {
        Integer present = jdbc.queryForObject(
                "SELECT COUNT(*) FROM mailbox_slot WHERE mailbox = ? AND kind = ? AND slot < ?", Integer.class, key,
                kind, count);
        return present == null || present < count;
    }

    private Instant earliestFree(String key, String kind, int count, Instant now) {
        OffsetDateTime earliest = jdbc.queryForObject(
                "SELECT MIN(busy_until) FROM mailbox_slot WHERE mailbox = ? AND kind = ? AND slot < ?",
                OffsetDateTime.class, key, kind, count);
        return earliest == null || !earliest.toInstant().isAfter(now) ? now.plus(MailboxPool.SOON)
                : earliest.toInstant();
    }

}
