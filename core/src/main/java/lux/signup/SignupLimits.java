package lux.signup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-address and per-IP sign-up limits, counted in the database so every instance sees
 * every attempt. Keys are stored hashed; each attempt counts, refused ones too, so a
 * flood stays refused until it stops.
 */
@Component
class SignupLimits {

    private final JdbcTemplate jdbc;

    private final SignupProperties properties;

    private final Clock clock;

    SignupLimits(JdbcTemplate jdbc, SignupProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Counts this attempt; true while both the address and the IP are within their
     * limits.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean allow(String email, String ip) {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(properties.limitWindow()));
        jdbc.update("DELETE FROM signup_attempt WHERE attempted_at < ?", since);
        boolean addressOk = count("address:" + email, now, since) <= properties.perAddressLimit();
        boolean ipOk = ip == null || count("ip:" + ip, now, since) <= properties.perIpLimit();
        return addressOk && ipOk;
    }

    private int count(String key, Instant now, Timestamp since) {
        String hashed = sha256(key);
        jdbc.update("INSERT INTO signup_attempt (limit_key, attempted_at) VALUES (?, ?)", hashed, Timestamp.from(now));
        return jdbc.queryForObject("SELECT COUNT(*) FROM signup_attempt WHERE limit_key = ? AND attempted_at >= ?",
                Integer.class, hashed, since);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

}
