package lux.delivery.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;

/**
 * An app-only Graph token, fetched once and renewed five minutes before it expires
 * (single-flight); MSAL's own cache is keyed by authority aliases that a custom authority
 * may not match.
 */
final class GraphToken {

    private final GraphCredentials credentials;

    private final Clock clock;

    private String token;

    private Instant renewAt = Instant.MIN;

    GraphToken(GraphCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    synchronized String get() throws ExecutionException, InterruptedException {
        if (token == null || clock.instant().isAfter(renewAt)) {
            GraphCredentials.Token fresh = credentials.acquire();
            token = fresh.value();
            renewAt = fresh.expiresOn().minus(Duration.ofMinutes(5));
        }
        return token;
    }

}
