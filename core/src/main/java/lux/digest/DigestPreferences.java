package lux.digest;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import lux.audit.Actor;
import lux.audit.AuditService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each user's digest cadence: weekly unless they said otherwise. */
@Service
public class DigestPreferences {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private final AuditService audit;

    DigestPreferences(JdbcTemplate jdbc, Clock clock, AuditService audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    public DigestCadence of(long userId) {
        return jdbc.queryForList("SELECT cadence FROM digest_preference WHERE user_id = ?", String.class, userId)
            .stream()
            .findFirst()
            .map(DigestCadence::valueOf)
            .orElse(DigestCadence.WEEKLY);
    }

    /** Every user who chose a cadence other than the default, by user id. */
    public Map<Long, DigestCadence> chosen() {
        Map<Long, DigestCadence> chosen = new HashMap<>();
        jdbc.query("SELECT user_id, cadence FROM digest_preference",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    chosen.put(rs.getLong(1), DigestCadence.valueOf(rs.getString(2)));
                });
        return chosen;
    }

    /** Sets the actor's own cadence (a user changes only their own digest). */
    @Transactional
    public DigestCadence set(Actor actor, DigestCadence cadence) {
        Objects.requireNonNull(cadence, "cadence");
        if (actor.userId() == null) {
            throw new lux.shared.InvalidInputException("user",
                    "Only a signed-in LUX user has a digest; link your Teams account first.");
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update("UPDATE digest_preference SET cadence = ?, updated_at = ? WHERE user_id = ?", cadence.name(),
                now, actor.userId()) == 0) {
            jdbc.update("INSERT INTO digest_preference (user_id, cadence, updated_at) VALUES (?, ?, ?)", actor.userId(),
                    cadence.name(), now);
        }
        audit.record(actor, "digest.cadence", "User", actor.userId(), cadence.name());
        return cadence;
    }

}
