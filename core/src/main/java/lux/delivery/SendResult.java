package lux.delivery;

import java.time.Duration;

/**
 * What a transport reports for one message; the worker turns it into the recipient's next
 * state.
 */
public sealed interface SendResult {

    record Sent(String providerMessageId) implements SendResult {
    }

    /**
     * Try again later: {@code retryAfter} is the server's wish (429/503) or null for
     * exponential backoff.
     */
    record Transient(String reason, Duration retryAfter) implements SendResult {
    }

    /**
     * The request may have reached the provider but no answer came (timeout, connection
     * lost mid-exchange): it may have been sent. Not retried unless
     * lux.delivery.resend-unknown is set, as for a worker that crashed mid-send.
     */
    record Unknown(String reason) implements SendResult {
    }

    /** This recipient cannot be mailed (invalid address, rejected message). */
    record Permanent(String reason) implements SendResult {
    }

    /**
     * The account was refused (bad secret, no Mail.Send): pause the campaign, fail
     * nobody.
     */
    record Unauthorized(String reason) implements SendResult {
    }

    /**
     * The transport is misconfigured: nothing can be sent until someone fixes the
     * configuration.
     */
    record Fatal(String reason) implements SendResult {
    }

}
