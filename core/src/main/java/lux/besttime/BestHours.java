package lux.besttime;

import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Best hours of the week from human opens (machine opens, from mail scanners and privacy
 * proxies, never count), set-based in SQL that runs on H2 and PostgreSQL. An hour of the
 * week is 0 (Monday 00:00-00:59) to 167 (Sunday 23:00-23:59) in the campaign's time zone
 * (LUX keeps no time zone per contact). Ties go to the earlier hour.
 */
@Component
class BestHours {

    private final JdbcTemplate jdbc;

    BestHours(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores, for each recipient of the campaign with at least {@code minOpens} human
     * opens (of any campaign), the hour of the week they opened most; returns how many.
     */
    int pickContacts(long campaignId, ZoneId zone, int minOpens) {
        jdbc.update("DELETE FROM best_time_pick WHERE campaign_id = ?", campaignId);
        return jdbc.update(
                "INSERT INTO best_time_pick (campaign_id, contact_id, hour_of_week, opens) "
                        + "SELECT ?, contact_id, how, total FROM (SELECT contact_id, how, "
                        + "SUM(n) OVER (PARTITION BY contact_id) AS total, "
                        + "ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY n DESC, how) AS rn "
                        + "FROM (SELECT contact_id, how, COUNT(*) AS n FROM (" + humanOpens(zone)
                        + ") opens GROUP BY contact_id, how) counted) ranked WHERE rn = 1 AND total >= ?",
                campaignId, campaignId, minOpens);
    }

    /**
     * The hour of the week the campaign's audience opened most (all their human opens),
     * empty when none of them ever opened.
     */
    OptionalInt audienceHour(long campaignId, ZoneId zone) {
        List<Integer> best = jdbc.queryForList(
                "SELECT how FROM (" + humanOpens(zone) + ") opens GROUP BY how ORDER BY COUNT(*) DESC, how LIMIT 1",
                Integer.class, campaignId);
        return best.isEmpty() ? OptionalInt.empty() : OptionalInt.of(best.get(0));
    }

    /**
     * Every human open of the campaign's recipients' contacts, as (contact_id, how); one
     * parameter: the campaign id.
     */
    private static String humanOpens(ZoneId zone) {
        String local = "e.occurred_at AT TIME ZONE '" + zoneName(zone) + "'";
        return "SELECT cr.contact_id AS contact_id, CAST((EXTRACT(ISODOW FROM " + local
                + ") - 1) * 24 + EXTRACT(HOUR FROM " + local + ") AS INTEGER) AS how FROM campaign_recipient me "
                + "JOIN campaign_recipient cr ON cr.contact_id = me.contact_id "
                + "JOIN tracking_event e ON e.recipient_id = cr.id "
                + "WHERE me.campaign_id = ? AND e.kind = 'OPEN' AND e.machine = FALSE";
    }

    /**
     * The zone as an SQL literal: a ZoneId's id is letters, digits and / _ + - only, and
     * is checked again here because it is spliced into the statement.
     */
    static String zoneName(ZoneId zone) {
        ZoneId normal = zone.normalized();
        if (normal instanceof java.time.ZoneOffset offset) {
            // fixed offsets as Etc/GMT-n names (inverted sign), which both databases read
            // alike; a fraction of an hour is rounded to UTC's side
            int hours = offset.getTotalSeconds() / 3600;
            return hours == 0 ? "UTC" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
        }
        String id = normal.getId();
        if (!id.matches("[A-Za-z0-9/_+:-]{1,64}")) {
            throw new IllegalArgumentException("Not a time zone name: " + id);
        }
        return id;
    }

}
