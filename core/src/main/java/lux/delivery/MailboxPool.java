package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exchange Online's limits per sender mailbox, held by this instance: messages per minute (sliding window),
 * recipients per UTC day and concurrent requests, plus a mailbox-wide pause after a 429/503 Retry-After.
 * Several mailboxes can be pooled; {@link #acquire} picks the first with room.
 */
class MailboxPool {
    private final DeliveryProperties.Limits limits;
    private final Clock clock;
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();

    MailboxPool(DeliveryProperties.Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** A granted slot; give it back with {@link #release}. */
    record Slot(String sender) {
    }

    /** Why no slot is free right now, and when one will be. */
    record Wait(Instant until, boolean dailyLimit) {
    }

    /** A slot on one of {@code senders}, or how long to wait; never blocks. */
    Object tryAcquire(Collection<String> senders) {
        if (!limits.enabled()) {
            return new Slot(senders.iterator().next());
        }
        Instant now = clock.instant();
        Instant soonest = null;
        boolean allDaily = true;
        for (String sender : senders) {
            Mailbox box = mailboxes.computeIfAbsent(sender, s -> new Mailbox());
            synchronized (box) {
                Optional<Instant> wait = box.waitUntil(now, limits);
                if (wait.isEmpty()) {
                    box.take(now);
                    return new Slot(sender);
                }
                allDaily &= box.dailyFull(now, limits);
                soonest = soonest == null || wait.get().isBefore(soonest) ? wait.get() : soonest;
            }
        }
        return new Wait(soonest, allDaily);
    }

    void release(Slot slot) {
        if (!limits.enabled()) {
            return;
        }
        Mailbox box = mailboxes.get(slot.sender());
        synchronized (box) {
            box.inFlight--;
        }
    }

    /** A 429/503 asked the whole mailbox to wait. */
    void backOff(String sender, Duration retryAfter) {
        if (!limits.enabled()) {
            return;
        }
        Mailbox box = mailboxes.computeIfAbsent(sender, s -> new Mailbox());
        synchronized (box) {
            Instant until = clock.instant().plus(retryAfter);
            if (box.blockedUntil == null || until.isAfter(box.blockedUntil)) {
                box.blockedUntil = until;
            }
        }
    }

    /** Recipients per second this pool can send at most, for estimates. */
    double ratePerSecond(int mailboxCount) {
        return limits.perMinute() * Math.max(1, mailboxCount) / 60.0;
    }

    /** When {@code remaining} more messages will be out at the configured limits, starting now. */
    Instant estimateFinish(long remaining, List<String> senders) {
        Instant now = clock.instant();
        if (!limits.enabled() || remaining <= 0) {
            return now;
        }
        int boxes = Math.max(1, senders.size());
        long perDay = (long) limits.perDay() * boxes;
        long fullDays = remaining / perDay;
        long rest = remaining % perDay;
        double seconds = rest / ratePerSecond(boxes);
        Instant base = fullDays == 0 ? now : LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(fullDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        return base.plusSeconds((long) Math.ceil(seconds));
    }

    private static final class Mailbox {
        final ArrayDeque<Instant> lastMinute = new ArrayDeque<>();
        LocalDate day;
        int sentToday;
        int inFlight;
        Instant blockedUntil;

        Optional<Instant> waitUntil(Instant now, DeliveryProperties.Limits limits) {
            while (!lastMinute.isEmpty() && !lastMinute.peekFirst().isAfter(now.minusSeconds(60))) {
                lastMinute.pollFirst();
            }
            if (blockedUntil != null && blockedUntil.isAfter(now)) {
                return Optional.of(blockedUntil);
            }
            if (dailyFull(now, limits)) {
                return Optional.of(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (lastMinute.size() >= limits.perMinute()) {
                return Optional.of(lastMinute.peekFirst().plusSeconds(60));
            }
            if (inFlight >= limits.concurrent()) {
                return Optional.of(now.plusMillis(50));
            }
            return Optional.empty();
        }

        boolean dailyFull(Instant now, DeliveryProperties.Limits limits) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (!today.equals(day)) {
                day = today;
                sentToday = 0;
            }
            return sentToday >= limits.perDay();
        }

        void take(Instant now) {
            lastMinute.addLast(now);
            sentToday++;
            inFlight++;
        }
    }
}
