package lux.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing. Failures are counted per (account, client address) and
 * per client address; once either passes its limit, every further try on that pair (or
 * from that address) must wait a delay that doubles with each failure. There is
 * deliberately no count per account alone: then anyone anywhere could lock the admin out
 * by failing on purpose. The counts live in the database (table login_failure), so they
 * hold across instances and restarts. A success clears the pair's count.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final ConsoleProperties properties;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    LoginThrottle(ConsoleProperties properties, JdbcTemplate jdbc, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * How long the caller must still wait before this account may be tried from this
     * address, if at all.
     */
    Optional<Duration> waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration pairWait = remaining(pairKey(account, address), properties.loginFailuresPerAccount(), now);
        Duration addressWait = remaining(addressKey(address), properties.loginFailuresPerAddress(), now);
        Duration wait = pairWait.compareTo(addressWait) >= 0 ? pairWait : addressWait;
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String account, String address, String reason) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM login_failure WHERE last_failure_at < ?", utc(now.minus(properties.loginMaxDelay())));
        int pairCount = count(pairKey(account, address), now);
        int addressCount = count(addressKey(address), now);
        log.warn(
                "Failed console sign-in for account '{}' from {} ({}); failures: {} for the account from there, {} from the address",
                sanitise(account), sanitise(address), reason, pairCount, addressCount);
    }

    /**
     * A try during the wait is refused unchecked and logged, but does not lengthen the
     * wait.
     */
    void refused(String account, String address, Duration wait) {
        log.warn("Refused console sign-in for account '{}' from {}: throttled for another {} s", sanitise(account),
                sanitise(address), wait.toSeconds());
    }

    void succeeded(String account, String address) {
        jdbc.update("DELETE FROM login_failure WHERE throttle_key = ?", pairKey(account, address));
    }

    /**
     * Adds one failure (starting again from one when the last is older than the longest
     * wait); returns the count.
     */
    private int count(String key, Instant now) {
        String add = "UPDATE login_failure SET failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END, "
                + "last_failure_at = ? WHERE throttle_key = ?";
        OffsetDateTime forgiven = utc(now.minus(properties.loginMaxDelay()));
        if (jdbc.update(add, forgiven, utc(now), key) == 0) {
            try {
                jdbc.update("INSERT INTO login_failure (throttle_key, failures, last_failure_at) VALUES (?, 1, ?)", key,
                        utc(now));
            }
            catch (DuplicateKeyException raced) {
                jdbc.update(add, forgiven, utc(now), key); // another instance inserted it
                                                           // first
            }
        }
        return jdbc.queryForObject("SELECT failures FROM login_failure WHERE throttle_key = ?", Integer.class, key);
    }

    private Duration remaining(String key, int allowed, Instant now) {
        List<Object[]> rows = jdbc.query("SELECT failures, last_failure_at FROM login_failure WHERE throttle_key = ?",
                (rs, i) -> new Object[] { rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant() }, key);
        if (rows.isEmpty()) {
            return Duration.ZERO;
        }
        int count = (Integer) rows.get(0)[0];
        Instant last = (Instant) rows.get(0)[1];
        if (count < allowed || last.plus(properties.loginMaxDelay()).isBefore(now)) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - allowed, 20);
        Duration delay = properties.loginBaseDelay().multipliedBy(1L << doublings);
        if (delay.compareTo(properties.loginMaxDelay()) > 0) {
            delay = properties.loginMaxDelay();
        }
        return Duration.between(now, last.plus(delay));
    }

    private static String pairKey(String account, String address) {
        return sha256(
                "account-address:" + (account == null ? "" : account.trim().toLowerCase(Locale.ROOT)) + "|" + address);
    }

    private static String addressKey(String address) {
        return sha256("address:" + address);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Log lines carry what the client typed: keep them on one line and short. */
    private static String sanitise(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("[\\r\\n\\t]", "_");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }

}
