package lux.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after a number of failures per account or per client address, every further
 * try must wait a delay that doubles with each failure. A success on the account clears its count.
 * Kept in memory: a restart forgives, which is acceptable for a brake (not a ban).
 */
@Component
class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_TRACKED = 10_000;

    private final ConsoleProperties properties;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(ConsoleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** How long the caller must still wait before this account may be tried from this address, if at all. */
    Optional<Duration> waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration accountWait = remaining(accountKey(account), properties.loginFailuresPerAccount(), now);
        Duration addressWait = remaining(addressKey(address), properties.loginFailuresPerAddress(), now);
        Duration wait = accountWait.compareTo(addressWait) >= 0 ? accountWait : addressWait;
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String account, String address, String reason) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.last.plus(properties.loginMaxDelay()).isBefore(now));
        }
        int accountCount = failures.merge(accountKey(account), new Failures(1, now), (a, b) -> a.next(now)).count;
        int addressCount = failures.merge(addressKey(address), new Failures(1, now), (a, b) -> a.next(now)).count;
        log.warn("Failed console sign-in for account '{}' from {} ({}); failures: {} for the account, {} from the address",
                sanitise(account), sanitise(address), reason, accountCount, addressCount);
    }

    /** A try during the wait is refused unchecked and logged, but does not lengthen the wait. */
    void refused(String account, String address, Duration wait) {
        log.warn("Refused console sign-in for account '{}' from {}: throttled for another {} s",
                sanitise(account), sanitise(address), wait.toSeconds());
    }

    void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    private Duration remaining(String key, int allowed, Instant now) {
        Failures f = failures.get(key);
        if (f == null) {
            return Duration.ZERO;
        }
        if (f.last.plus(properties.loginMaxDelay()).isBefore(now)) {
            failures.remove(key, f);
            return Duration.ZERO;
        }
        if (f.count < allowed) {
            return Duration.ZERO;
        }
        int doublings = Math.min(f.count - allowed, 20);
        Duration delay = properties.loginBaseDelay().multipliedBy(1L << doublings);
        if (delay.compareTo(properties.loginMaxDelay()) > 0) {
            delay = properties.loginMaxDelay();
        }
        return Duration.between(now, f.last.plus(delay));
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.trim().toLowerCase());
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    /** Log lines carry what the client typed: keep them on one line and short. */
    private static String sanitise(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("[\\r\\n\\t]", "_");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }

    private record Failures(int count, Instant last) {
        Failures next(Instant now) {
            return new Failures(count + 1, now);
        }
    }
}
