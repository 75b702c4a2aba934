package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import lux.campaigns.CampaignStatus;
import lux.campaigns.RecipientStatus;

/**
 * What an answer means: for one recipient, sent, failed for good, or back to the queue
 * (when, and whether the attempt counts); for the campaign, whether a refused account
 * stops it and how it ends. Decisions only: no I/O.
 */
final class OutcomePolicy {

    private final DeliveryProperties properties;

    private final Clock clock;

    OutcomePolicy(DeliveryProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The recipient's next state after the transport answered {@code result}. */
    Outcome of(ClaimedRecipient r, SendResult result) {
        if (result instanceof SendResult.Sent sent) {
            return Outcome.sent(r, sent.providerMessageId());
        }
        if (result instanceof SendResult.Permanent p) {
            return Outcome.failed(r, p.reason());
        }
        if (result instanceof SendResult.Unauthorized u) {
            return notTried(r, u.reason()); // the account was refused, not the recipient
        }
        if (result instanceof SendResult.Fatal f) {
            return notTried(r, f.reason());
        }
        if (result instanceof SendResult.Unknown u) {
            if (properties.resendUnknown() && r.attempts() < properties.maxAttempts()) {
                return Outcome.retry(r, "resent after an unknown outcome: " + u.reason(),
                        clock.instant().plus(backoff(r.attempts())), 0);
            }
            return Outcome.failed(r, RecipientStore.unknownOutcome(u.reason()));
        }
        SendResult.Transient t = (SendResult.Transient) result;
        if (r.attempts() >= properties.maxAttempts()) {
            return Outcome.failed(r, "gave up after " + r.attempts() + " attempts: " + t.reason());
        }
        return Outcome.retry(r, t.reason(),
                clock.instant().plus(t.retryAfter() != null ? t.retryAfter() : backoff(r.attempts())), 0);
    }

    /**
     * Back to the queue without counting an attempt: nothing reached the transport (or
     * the account was refused).
     */
    Outcome notTried(ClaimedRecipient r, String why) {
        return Outcome.retry(r, why, null, -1);
    }

    /**
     * No mailbox has room before {@code wait.until()}: back to the queue until then, the
     * attempt not counted.
     */
    Outcome noMailboxSlot(ClaimedRecipient r, MailboxPool.Wait wait) {
        return Outcome.retry(r, wait.dailyLimit() ? "daily sending limit of the sender mailbox reached" : null,
                wait.until(), -1);
    }

    /**
     * Whether this answer stops the campaign's batch: the account or the configuration
     * was refused, not a recipient.
     */
    static boolean stopsCampaign(SendResult result) {
        return result instanceof SendResult.Unauthorized || result instanceof SendResult.Fatal;
    }

    /**
     * How a campaign whose recipients are all final ends: FAILED when nobody was sent and
     * someone failed, else SENT.
     */
    static CampaignStatus finalStatus(Map<RecipientStatus, Long> counts) {
        return counts.getOrDefault(RecipientStatus.SENT, 0L) == 0 && counts.getOrDefault(RecipientStatus.FAILED, 0L) > 0
                ? CampaignStatus.FAILED : CampaignStatus.SENT;
    }

    /**
     * Exponential backoff with full jitter: base * 2^(attempt-1), capped, times a random
     * factor in [0.5, 1].
     */
    Duration backoff(int attempt) {
        long base = properties.backoff().toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5)));
    }

}
