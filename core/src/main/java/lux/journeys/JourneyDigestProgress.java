package lux.journeys;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import lux.digest.DigestNumbers;
import lux.digest.JourneyProgressSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Journeys' lines in the digest: per active journey, the contacts who entered and those
 * who finished it in the period (excluded contacts never entered).
 */
@Component
class JourneyDigestProgress implements JourneyProgressSource {

    private final JdbcTemplate jdbc;

    JourneyDigestProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<DigestNumbers.JourneyProgress> progress(Instant from, Instant to) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        return jdbc.query(
                """
                        SELECT j.name,
                               COUNT(CASE WHEN e.enrolled_at >= ? AND e.enrolled_at < ? THEN 1 END) AS entered,
                               COUNT(CASE WHEN e.status = 'DONE' AND e.finished_at >= ? AND e.finished_at < ? THEN 1 END) AS completed
                        FROM journey j
                        LEFT JOIN journey_enrolment e ON e.journey_id = j.id AND e.status <> 'EXCLUDED'
                        WHERE j.status = 'ACTIVE'
                        GROUP BY j.id, j.name
                        ORDER BY j.name""",
                (rs, i) -> new DigestNumbers.JourneyProgress(rs.getString(1), rs.getLong(2), rs.getLong(3)), start, end,
                start, end);
    }

}
