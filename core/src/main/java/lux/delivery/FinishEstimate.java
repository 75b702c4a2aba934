package lux.delivery;

import java.time.Instant;
import java.util.List;

/**
 * When a number of messages will be out at the configured mailbox limits: at the
 * per-minute rate while the rolling day has room (recipients any instance sent in the
 * window count against it), then a day's quota per further window.
 */
final class FinishEstimate {

    private final DeliveryProperties.Limits limits;

    private final RollingDayQuota quota;

    FinishEstimate(DeliveryProperties.Limits limits, RollingDayQuota quota) {
        this.limits = limits;
        this.quota = quota;
    }

    /** Recipients per second this pool can send at most. */
    double ratePerSecond(int mailboxCount) {
        return limits.perMinute() * Math.max(1, mailboxCount) / 60.0;
    }

    /**
     * When {@code remaining} more messages will be out, starting at {@code start}. An
     * upper bound when the quota binds.
     */
    Instant finish(long remaining, List<String> senders, Instant start) {
        if (!limits.enabled() || remaining <= 0) {
            return start;
        }
        int boxes = Math.max(1, senders.size());
        double rate = ratePerSecond(boxes);
        long perDay = (long) limits.perDay() * boxes;
        long used = quota.usedInWindow(senders, start); // none for a start a whole window
                                                        // after the last send
        long room = Math.max(0, perDay - used);
        if (remaining <= room) {
            return start.plusSeconds((long) Math.ceil(remaining / rate));
        }
        long left = remaining - room;
        long perWindow = Math.max(1,
                Math.min(perDay, (long) Math.floor(rate * RollingDayQuota.DAY_WINDOW.toSeconds())));
        long windows = (left - 1) / perWindow + 1;
        return start.plus(RollingDayQuota.DAY_WINDOW.multipliedBy(windows))
            .plusSeconds((long) Math.ceil((left - (windows - 1) * perWindow) / rate));
    }

}
