package lux.delivery;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery settings under {@code lux.delivery}.
 *
 * @param enabled whether this instance runs the scheduler and sending workers (the app
 * turns it on)
 * @param tick pause between scheduler ticks
 * @param batchSize recipients a worker claims at once (pause/cancel take effect between
 * batches)
 * @param workerThreads messages in flight per instance (further capped by the mailbox
 * concurrency)
 * @param parallelBatches batches one instance works on at once, so one is rendered while
 * another is written
 * @param lease a recipient still "sending" this long after its claim was left by a
 * crashed worker
 * @param resendUnknown after a crash, send such recipients again (may duplicate) instead
 * of failing them as unknown
 * @param maxAttempts sends tried for a recipient on transient errors before it fails
 * @param backoff first retry delay; doubles per attempt with jitter, up to
 * {@code maxBackoff}
 * @param senders pooled sender mailboxes for campaigns that name none (default:
 * lux.mail.default-sender)
 * @param limits per-mailbox Exchange Online limits, shared by every instance on the
 * database
 * @param yieldToTracking how delivery gives the CPU to the open and click routes while
 * they are busy (see DeliveryYield)
 */
@Validated
@ConfigurationProperties("lux.delivery")
public record DeliveryProperties(@DefaultValue("false") boolean enabled, @NotNull @DefaultValue("2s") Duration tick,
        @Min(1) @DefaultValue("25") int batchSize, @Min(1) @DefaultValue("4") int workerThreads,
        @Min(1) @DefaultValue("2") int parallelBatches, @NotNull @DefaultValue("15m") Duration lease,
        @DefaultValue("false") boolean resendUnknown, @Min(1) @DefaultValue("5") int maxAttempts,
        @NotNull @DefaultValue("2s") Duration backoff, @NotNull @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue List<String> senders, @NotNull @DefaultValue Limits limits,
        @NotNull @DefaultValue YieldToTracking yieldToTracking) {

    /**
     * Limits per sender mailbox, kept in the database so several instances honour them
     * together.
     *
     * @param enabled false lifts every limit and keeps the database out of the sending
     * path (benchmarks)
     * @param perMinute messages in any 60 seconds
     * @param perDay recipients per rolling 24 hours (Exchange's recipient rate limit;
     * counted per hour, see MailboxPool)
     * @param concurrent requests in flight at once
     * @param requestLease how long a request slot stays taken if its instance dies before
     * giving it back; longer than a send can take (lux.graph.timeout plus a token
     * request)
     */
    public record Limits(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("30") int perMinute,
            @Min(1) @DefaultValue("10000") int perDay, @Min(1) @DefaultValue("4") int concurrent,
            @NotNull @DefaultValue("2m") Duration requestLease) {
    }

    /**
     * Delivery gives way to recipients' traffic on the same instance: above {@code from}
     * requests/s on the open and click routes each delivery loop pauses after a batch, so
     * that delivery runs at a share of its full speed falling linearly to
     * {@code minShare} at {@code full} requests/s; it resumes full speed as soon as the
     * traffic falls below {@code from}.
     *
     * @param enabled false sends at full speed whatever the traffic
     * @param from requests/s (opens and clicks together) from which delivery gives way
     * @param full requests/s at which delivery runs at {@code minShare}
     * @param minShare delivery's share of its full speed at the most (0.01 to 1): it
     * never stops, so a flood of requests slows a campaign but cannot hold it up
     * @param window the requests/s are measured over this last stretch of time
     * @param maxPause longest pause after one batch
     */
    public record YieldToTracking(@DefaultValue("true") boolean enabled, @Min(0) @DefaultValue("300") int from,
            @Min(1) @DefaultValue("3000") int full,
            @DecimalMin("0.01") @DecimalMax("1") @DefaultValue("0.05") double minShare,
            @NotNull @DefaultValue("250ms") Duration window, @NotNull @DefaultValue("1s") Duration maxPause) {

        public YieldToTracking {
            if (from < 0) {
                throw new IllegalArgumentException(
                        "lux.delivery.yield-to-tracking.from must not be negative, not " + from);
            }
            if (!(minShare >= 0.01 && minShare <= 1)) {
                throw new IllegalArgumentException(
                        "lux.delivery.yield-to-tracking.min-share must be between 0.01 and 1, not " + minShare);
            }
            if (full <= from) {
                throw new IllegalArgumentException("lux.delivery.yield-to-tracking.full (" + full
                        + " requests/s) must be above lux.delivery.yield-to-tracking.from (" + from + ")");
            }
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException(
                        "lux.delivery.yield-to-tracking.window must be a positive duration, not " + window);
            }
            if (maxPause == null || maxPause.isNegative()) {
                throw new IllegalArgumentException(
                        "lux.delivery.yield-to-tracking.max-pause must not be negative, not " + maxPause);
            }
        }
    }
}
