package lux.digest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The digest's numbers for a period and the period of the same length before it: a few
 * counting queries per period, run once per period and shared by every user whose period
 * it is.
 */
@Service
public class DigestStats {

    private final JdbcTemplate jdbc;

    private final List<JourneyProgressSource> journeys;

    DigestStats(JdbcTemplate jdbc, ObjectProvider<JourneyProgressSource> journeys) {
        this.jdbc = jdbc;
        this.journeys = journeys.orderedStream().toList();
    }

    @Transactional(readOnly = true)
    public DigestNumbers numbers(Instant from, Instant to) {
        Duration length = Duration.between(from, to);
        List<DigestNumbers.JourneyProgress> progress = new ArrayList<>();
        journeys.forEach(source -> progress.addAll(source.progress(from, to)));
        return new DigestNumbers(from, to, period(from, to), period(from.minus(length), from), bestLink(from, to),
                progress);
    }

    private DigestNumbers.Period period(Instant from, Instant to) {
        Timestamp a = Timestamp.from(from);
        Timestamp b = Timestamp.from(to);
        return new DigestNumbers.Period(
                count("SELECT COUNT(*) FROM campaign WHERE status = 'SENT' AND finished_at >= ? AND finished_at < ?", a,
                        b),
                count("SELECT COUNT(*) FROM campaign_recipient WHERE status = 'SENT' AND sent_at >= ? AND sent_at < ? "
                        + "AND (bounce IS NULL OR bounce <> 'HARD')", a, b),
                people("OPEN", a, b), people("CLICK", a, b),
                count("SELECT COUNT(*) FROM contact WHERE created_at >= ? AND created_at < ?", a, b),
                count("SELECT COUNT(*) FROM suppression WHERE reason = 'UNSUBSCRIBED' AND created_at >= ? "
                        + "AND created_at < ?", a, b),
                count("SELECT COUNT(*) FROM campaign_recipient WHERE bounced_at >= ? AND bounced_at < ?", a, b));
    }

    private long people(String kind, Timestamp from, Timestamp to) {
        return count("SELECT COUNT(DISTINCT recipient_id) FROM tracking_event WHERE kind = '" + kind
                + "' AND machine = FALSE AND occurred_at >= ? AND occurred_at < ?", from, to);
    }

    private DigestNumbers.BestLink bestLink(Instant from, Instant to) {
        return jdbc
            .query("SELECT l.url, COUNT(*) AS n FROM tracking_event e JOIN campaign_link l ON l.id = e.link_id "
                    + "WHERE e.kind = 'CLICK' AND e.machine = FALSE AND e.occurred_at >= ? AND e.occurred_at < ? "
                    + "GROUP BY l.url ORDER BY n DESC, l.url LIMIT 1",
                    (rs, i) -> new DigestNumbers.BestLink(rs.getString(1), rs.getLong(2)), Timestamp.from(from),
                    Timestamp.from(to))
            .stream()
            .findFirst()
            .orElse(null);
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

}
