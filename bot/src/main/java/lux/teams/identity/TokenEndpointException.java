package lux.teams.identity;

import java.time.Duration;

/**
 * A token endpoint answered with an error: its status, and how long it asked us to wait
 * (if it did).
 */
final class TokenEndpointException extends Exception {

    private final int status;

    private final Duration retryAfter;

    TokenEndpointException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    Duration retryAfter() {
        return retryAfter;
    }

}
