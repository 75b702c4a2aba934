package lux.teams.identity;

import com.microsoft.aad.msal4j.MsalServiceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bot's token until shortly before it expires (five minutes, or half its life
 * if it is short), and retries what is worth retrying — 429, 5xx and network errors —
 * with exponential backoff and jitter, honouring Retry-After up to {@link #MAX_WAIT}.
 * Refusals (400, 401: a wrong secret, an unknown app) fail at once.
 */
final class CachingTokenSource {

    private static final Logger log = LoggerFactory.getLogger(CachingTokenSource.class);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final TokenSource source;

    private final Clock clock;

    private final int attempts;

    private final Duration backoff;

    private AccessToken current;

    private Instant renewAt = Instant.MIN;

    CachingTokenSource(TokenSource source, Clock clock, int attempts, Duration backoff) {
        this.source = source;
        this.clock = clock;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    synchronized String token() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(renewAt)) {
            current = fetchWithRetry();
            Duration life = Duration.between(now, current.expiresOn());
            Duration margin = life.dividedBy(2).compareTo(RENEW_BEFORE) < 0 ? life.dividedBy(2) : RENEW_BEFORE;
            renewAt = current.expiresOn().minus(margin.isNegative() ? Duration.ZERO : margin);
        }
        return current.value();
    }

    private AccessToken fetchWithRetry() {
        for (int attempt = 1;; attempt++) {
            try {
                return source.fetch();
            }
            catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Duration wait = transientWait(e, attempt);
                if (wait == null || attempt >= attempts || Thread.currentThread().isInterrupted()) {
                    throw new BotTokenException("LUX could not get a Bot Connector token from " + source.describe()
                            + " (" + attempt + (attempt == 1 ? " try" : " tries") + "): " + message(e), e);
                }
                log.info("Bot token request to {} failed ({}); try {} of {} in {} ms", source.describe(), message(e),
                        attempt + 1, attempts, wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new BotTokenException("interrupted while waiting to retry the bot token request",
                            interrupted);
                }
            }
        }
    }

    /**
     * How long to wait before the next try, or null when the failure is not transient.
     */
    private Duration transientWait(Exception e, int attempt) {
        int status = -1;
        Duration retryAfter = null;
        if (e instanceof TokenEndpointException t) {
            status = t.status();
            retryAfter = t.retryAfter();
        }
        else if (e instanceof MsalServiceException m && m.statusCode() != null) {
            status = m.statusCode();
            List<String> header = m.headers() == null ? null
                    : m.headers()
                        .entrySet()
                        .stream()
                        .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase("Retry-After"))
                        .map(h -> h.getValue())
                        .findFirst()
                        .orElse(null);
            if (header != null && !header.isEmpty() && header.get(0).strip().matches("\\d{1,6}")) {
                retryAfter = Duration.ofSeconds(Long.parseLong(header.get(0).strip()));
            }
        }
        boolean network = causedByIo(e);
        if (!(status == 429 || status >= 500 || network && status < 0)) {
            return null;
        }
        if (retryAfter != null) {
            return retryAfter.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : retryAfter;
        }
        long base = backoff.toMillis() << Math.min(attempt - 1, 10);
        return Duration
            .ofMillis(Math.min(MAX_WAIT.toMillis(), base + ThreadLocalRandom.current().nextLong(base / 2 + 1)));
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    /**
     * The bot could not get a token; replies and proactive messages fail with this
     * message.
     */
    static final class BotTokenException extends RuntimeException {

        BotTokenException(String message, Throwable cause) {
            super(message, cause);
        }

    }

}
