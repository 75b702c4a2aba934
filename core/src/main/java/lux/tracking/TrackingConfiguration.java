package lux.tracking;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import lux.shared.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tracking wiring: the signing key (configured, or generated once and kept in the
 * database) and the token codec.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
class TrackingConfiguration {

    static final String KEY_NAME = "tracking-signing-key";

    private static final Logger log = LoggerFactory.getLogger(TrackingConfiguration.class);

    @Bean
    TrackingTokens trackingTokens(TrackingProperties properties, JdbcTemplate jdbc, Clock clock) {
        if (!properties.signingKey().isBlank()) {
            return new TrackingTokens(properties.signingKey().getBytes(StandardCharsets.UTF_8));
        }
        return new TrackingTokens(Base64.getDecoder().decode(storedKey(jdbc, clock)));
    }

    @Bean
    SqlDialect sqlDialect(DataSource dataSource) {
        return SqlDialect.of(dataSource);
    }

    /**
     * Every instance sharing the database must sign alike, so the first one to start
     * generates the key for all.
     */
    static String storedKey(JdbcTemplate jdbc, Clock clock) {
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
            log.info(
                    "Generated the tracking signing key and stored it in the database (set lux.tracking.signing-key to manage it yourself).");
        }
        catch (DuplicateKeyException raced) {
            // another instance stored its key first: use that one
        }
        return jdbc.queryForObject("SELECT secret FROM lux_secret WHERE name = ?", String.class, KEY_NAME);
    }

}
