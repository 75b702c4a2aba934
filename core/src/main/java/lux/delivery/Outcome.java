package lux.delivery;

import java.time.Instant;

/**
 * The next state of one claimed recipient, written with the others of its batch in one
 * transaction.
 */
record Outcome(ClaimedRecipient recipient, String status, String error, String providerMessageId, Instant nextAttemptAt,
        int attemptsDelta) {
    static Outcome sent(ClaimedRecipient r, String providerId) {
        return new Outcome(r, "SENT", null, providerId, null, 0);
    }

    static Outcome failed(ClaimedRecipient r, String error) {
        return new Outcome(r, "FAILED", error, null, null, 0);
    }

    static Outcome skipped(ClaimedRecipient r, String why) {
        return new Outcome(r, "SKIPPED", why, null, null, 0);
    }

    /**
     * Back to the queue; {@code attemptsDelta} -1 when the attempt should not count
     * (nothing was tried).
     */
    static Outcome retry(ClaimedRecipient r, String error, Instant at, int attemptsDelta) {
        return new Outcome(r, "PENDING", error, null, at, attemptsDelta);
    }
}
