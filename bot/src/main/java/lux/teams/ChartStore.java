package lux.teams;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps rendered chart PNGs for a day under unguessable ids, since Teams fetches card
 * images without LUX's login. In the database (table teams_chart), so whichever instance
 * the image request reaches can serve it; expired charts are never served and are purged
 * by {@link TeamsStateCleanup}.
 */
@Component
class ChartStore {

    static final Duration KEEP = Duration.ofHours(24);

    private final SecureRandom random = new SecureRandom();

    private final JdbcTemplate jdbc;

    private final Clock clock;

    ChartStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String put(byte[] png) {
        Instant now = clock.instant();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        jdbc.update("INSERT INTO teams_chart (id, png, created_at, expires_at) VALUES (?, ?, ?, ?)", id, png,
                now.atOffset(ZoneOffset.UTC), now.plus(KEEP).atOffset(ZoneOffset.UTC));
        return id;
    }

    Optional<byte[]> get(String id) {
        return jdbc
            .query("SELECT png FROM teams_chart WHERE id = ? AND expires_at > ?", (rs, i) -> rs.getBytes(1), id,
                    clock.instant().atOffset(ZoneOffset.UTC))
            .stream()
            .findFirst();
    }

    /** Deletes expired charts; returns how many. */
    int purgeExpired() {
        return jdbc.update("DELETE FROM teams_chart WHERE expires_at <= ?", clock.instant().atOffset(ZoneOffset.UTC));
    }

}
