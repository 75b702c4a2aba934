package lux.signup;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Binds {@code lux.signup.*} and makes the signing key: configured, or generated once and
 * shared through the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignupProperties.class)
class SignupConfiguration {

    static final String KEY_NAME = "signup-signing-key";

    @Bean
    SignupTokens signupTokens(SignupProperties properties, JdbcTemplate jdbc, Clock clock) {
        if (!properties.signingKey().isBlank()) {
            return new SignupTokens(properties.signingKey().getBytes(StandardCharsets.UTF_8));
        }
        return new SignupTokens(Base64.getDecoder().decode(storedKey(jdbc, clock)));
    }

    /**
     * Every instance must sign alike, so the first one to start generates the key for
     * all.
     */
    private static String storedKey(JdbcTemplate jdbc, Clock clock) {
        List<String> existing = jdbc.queryForList("SELECT secret FROM lux_secret WHERE name = ?", String.class,
                KEY_NAME);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            jdbc.update("INSERT INTO lux_secret (name, secret, created_at) VALUES (?, ?, ?)", KEY_NAME,
                    Base64.getEncoder().encodeToString(key), Timestamp.from(clock.instant()));
        }
        catch (DuplicateKeyException raced) {
            // another instance stored its key first: use that one
        }
        return jdbc.queryForObject("SELECT secret FROM lux_secret WHERE name = ?", String.class, KEY_NAME);
    }

}
