package lux.journeys;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import lux.shared.PlannerStatistics;
import lux.shared.SqlDialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts contacts into journeys, set-based: one INSERT ... SELECT per journey and event
 * (walking contact ids in windows when the set may be large, as an import of a million
 * contacts is), never a loop over contacts. A contact enters a journey once per
 * occurrence (once; or once a year for date journeys, the year's date being the
 * occurrence): the unique key decides when two instances enrol the same contact at once.
 */
@Component
class Enrolments {

    /** Contact ids per statement on the large paths: short locks, no growing lists. */
    static final int WINDOW = 50_000;

    private static final String TAGGED = "EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
            + "WHERE ct.contact_id = c.id AND t.name = ?)";

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private final PlannerStatistics statistics;

    private final SqlDialect dialect;

    private final TransactionTemplate tx;

    Enrolments(JdbcTemplate jdbc, Clock clock, PlannerStatistics statistics, SqlDialect dialect,
            TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.statistics = statistics;
        this.dialect = dialect;
    }

    /** These contacts (a short list), if they match {@code where}. */
    long enrolContacts(JourneyView journey, List<Long> contactIds, String where, Object... whereArgs) {
        long enrolled = 0;
        for (int from = 0; from < contactIds.size(); from += 1000) {
            List<Long> chunk = contactIds.subList(from, Math.min(contactIds.size(), from + 1000));
            List<Object> args = new ArrayList<>(chunk);
            args.addAll(List.of(whereArgs));
            enrolled += insertWaiting(journey, "c.id IN (" + EnrolmentStore.placeholders(chunk.size()) + ")"
                    + (where.isEmpty() ? "" : " AND " + where), args.toArray());
        }
        return enrolled;
    }

    /** Every contact matching {@code where}, window by window over contact ids. */
    long enrolMatching(JourneyView journey, String occurrence, String status, String where, Object... whereArgs) {
        Long min = jdbc.queryForObject("SELECT MIN(id) FROM contact", Long.class);
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM contact", Long.class);
        if (min == null || max == null) {
            return 0;
        }
        // a bulk tag or an import may have just brought these rows
        statistics.refresh("contact", "contact_tag", "tag", "journey_enrolment");
        long enrolled = 0;
        for (long from = min - 1; from < max; from += WINDOW) {
            List<Object> args = new ArrayList<>(List.of(from, from + WINDOW));
            args.addAll(List.of(whereArgs));
            enrolled += insert(journey, occurrence, status, "c.id > ? AND c.id <= ? AND " + where, args.toArray());
        }
        return enrolled;
    }

    private long insertWaiting(JourneyView journey, String where, Object... whereArgs) {
        return insert(journey, "", "WAITING", where, whereArgs);
    }

    private long insert(JourneyView journey, String occurrence, String status, String where, Object... whereArgs) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object> args = new ArrayList<>(
                List.of(journey.id(), journey.version(), occurrence, status, now, now, journey.id()));
        args.addAll(List.of(whereArgs));
        // the unique key keeps a contact out a second time (an anti-join against the
        // table being filled is what the planner gets wrong)
        String enrol = "INSERT INTO journey_enrolment (journey_id, version, contact_id, occurrence, status, position, "
                + "next_run_at, enrolled_at) SELECT ?, ?, c.id, ?, ?, 0, ?, ? FROM contact c WHERE c.status = 'ACTIVE' "
                + "AND c.id > (SELECT j.enrol_after_contact FROM journey j WHERE j.id = ?) AND " + where
                + " ON CONFLICT DO NOTHING";
        if (!"WAITING".equals(status)) {
            return jdbc.update(enrol, args.toArray());
        }
        // a waiting enrolment is due now: its due row (journey_due) goes in with it
        if (dialect == SqlDialect.POSTGRESQL) {
            return jdbc.queryForObject(
                    "WITH e AS (" + enrol + " RETURNING id, journey_id, next_run_at), "
                            + "d AS (INSERT INTO journey_due (next_run_at, enrolment_id, journey_id) "
                            + "SELECT next_run_at, id, journey_id FROM e) SELECT COUNT(*) FROM e",
                    Long.class, args.toArray());
        }
        return tx.execute(s -> {
            int enrolled = jdbc.update(enrol, args.toArray());
            if (enrolled > 0) {
                // H2: the rows this statement wrote, by journey and time (within the
                // journey's rows of the unique key), those without their due row yet
                jdbc.update("INSERT INTO journey_due (next_run_at, enrolment_id, journey_id) "
                        + "SELECT e.next_run_at, e.id, e.journey_id FROM journey_enrolment e WHERE e.journey_id = ? "
                        + "AND e.enrolled_at = ? AND e.next_run_at = ? AND e.status = 'WAITING' AND e.position = 0 "
                        + "AND e.claim_token IS NULL "
                        + "AND NOT EXISTS (SELECT 1 FROM journey_due d WHERE d.next_run_at = e.next_run_at "
                        + "AND d.enrolment_id = e.id)", journey.id(), now, now);
            }
            return (long) enrolled;
        });
    }

    /**
     * When a tag journey starts, the contacts who hold the tag already are marked as
     * never to enter: the journey is for those who get it from now on.
     */
    long excludeCurrentHolders(JourneyView journey) {
        return enrolMatching(journey, "", "EXCLUDED", TAGGED, journey.trigger().tag());
    }

    static String tagged() {
        return TAGGED;
    }

    /**
     * Date journeys come round each year: contacts whose attribute falls on the month and
     * day {@code daysBefore} days after today (in the journey's zone), in that year or an
     * earlier one, enter once for that year's date (the occurrence, e.g. 2027-12-07). A
     * 29 February comes round on 28 February in other years. A contact still on its way
     * through last year's occurrence does not enter this year (one run at a time, never
     * two overlapping sets of the same mails); next year's date takes them again.
     * Attributes are compact JSON text, so the date is matched as the JSON fragment
     * "name":"yyyy-MM-dd, and its year read right after the name.
     */
    long enrolDue(JourneyView journey, LocalDate today) {
        LocalDate date = today.plusDays(journey.trigger().daysBefore());
        String key = "\"" + journey.trigger().attribute() + "\":\"";
        String prefix = "%" + like(key) + "____-";
        List<Object> args = new ArrayList<>(List.of(prefix + monthDay(date) + "%"));
        String sameDay = "c.attributes LIKE ? ESCAPE '\\'";
        if (date.getMonthValue() == 2 && date.getDayOfMonth() == 28 && !date.isLeapYear()) {
            sameDay = "(" + sameDay + " OR c.attributes LIKE ? ESCAPE '\\')";
            args.add(prefix + "02-29%");
        }
        args.addAll(List.of(key, key.length(), String.format("%04d", date.getYear()), journey.id()));
        return enrolMatching(journey, date.toString(), "WAITING",
                sameDay + " AND SUBSTRING(c.attributes FROM POSITION(? IN c.attributes) + ? FOR 4) <= ? "
                        + "AND NOT EXISTS (SELECT 1 FROM journey_enrolment y WHERE y.journey_id = ? "
                        + "AND y.contact_id = c.id AND y.status IN ('WAITING', 'RUNNING'))",
                args.toArray());
    }

    private static String monthDay(LocalDate date) {
        return String.format("%02d-%02d", date.getMonthValue(), date.getDayOfMonth());
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    Instant now() {
        return clock.instant();
    }

}
