package lux.journeys;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Counts per step of one version, each a grouped query over the step's run rows. */
@Component
class JourneyStatsQuery {

    private final JdbcTemplate jdbc;

    private final JourneyStore journeys;

    private final Clock clock;

    JourneyStatsQuery(JdbcTemplate jdbc, JourneyStore journeys, Clock clock) {
        this.jdbc = jdbc;
        this.journeys = journeys;
        this.clock = clock;
    }

    JourneyStats of(JourneyView journey, int version) {
        List<JourneyStore.StoredStep> steps = journeys.steps(journey.id(), version);
        Map<Long, long[]> runs = new HashMap<>(); // entered, sent, opened, clicked, yes,
                                                  // no
        jdbc.query("SELECT r.step_id, COUNT(*), SUM(CASE WHEN r.outcome = 'SENT' THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN c.human_open_at IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN c.human_click_at IS NOT NULL THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN r.outcome = 'YES' THEN 1 ELSE 0 END), SUM(CASE WHEN r.outcome = 'NO' THEN 1 ELSE 0 END) "
                + "FROM journey_step_run r "
                + "JOIN journey_step s ON s.id = r.step_id LEFT JOIN campaign_recipient c ON c.id = r.recipient_id "
                + "WHERE s.journey_id = ? AND s.version = ? GROUP BY r.step_id", rs -> {
                    runs.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7) });
                }, journey.id(), version);
        Map<Integer, long[]> at = new HashMap<>(); // waiting (due later), finished
        jdbc.query("SELECT position, SUM(CASE WHEN status = 'WAITING' AND next_run_at > ? THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN status = 'DONE' THEN 1 ELSE 0 END) FROM journey_enrolment "
                + "WHERE journey_id = ? AND version = ? GROUP BY position", rs -> {
                    at.put(rs.getInt(1), new long[] { rs.getLong(2), rs.getLong(3) });
                }, Timestamp.from(clock.instant()), journey.id(), version);
        List<StepStats> out = new ArrayList<>();
        for (JourneyStore.StoredStep s : steps) {
            long[] r = runs.getOrDefault(s.id(), new long[6]);
            // a wait's contacts sit at the step after it until their time comes
            long waiting = s.step() instanceof JourneyStep.Wait || s.step() instanceof JourneyStep.WaitUntil
                    ? at.getOrDefault(s.position() + 1, new long[2])[0] : 0;
            long finished = at.getOrDefault(s.position(), new long[2])[1];
            out.add(new StepStats(s.position(), s.step().describe(), r[0], r[1], r[2], r[3], waiting, finished, r[4],
                    r[5]));
        }
        Map<String, Object> totals = jdbc.queryForMap(
                "SELECT COUNT(*) AS enrolled, SUM(CASE WHEN status IN ('WAITING', 'RUNNING') THEN 1 ELSE 0 END) AS flight, "
                        + "SUM(CASE WHEN status = 'DONE' THEN 1 ELSE 0 END) AS done FROM journey_enrolment "
                        + "WHERE journey_id = ? AND version = ? AND status <> 'EXCLUDED'",
                journey.id(), version);
        return new JourneyStats(journey.id(), version, number(totals.get("enrolled")), number(totals.get("flight")),
                number(totals.get("done")), out);
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

}
