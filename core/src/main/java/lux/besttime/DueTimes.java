package lux.besttime;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives the recipients of a best-time campaign their due times when it starts: each
 * contact with enough human opens at their best hour, the others at the audience's best
 * hour, all within the window after the start (the hour of the day decides where in the
 * window; an hour of the week that falls inside it is that same moment). Without any
 * human opens in the audience nothing changes: every recipient is due at once, the plain
 * send. Delivery's claim takes a recipient only once its due time has come.
 */
@Component
public class DueTimes {

    private static final Logger log = LoggerFactory.getLogger(DueTimes.class);

    private final JdbcTemplate jdbc;

    private final BestHours hours;

    private final BestTimeChoices choices;

    private final BestTimeProperties properties;

    DueTimes(JdbcTemplate jdbc, BestHours hours, BestTimeChoices choices, BestTimeProperties properties) {
        this.jdbc = jdbc;
        this.hours = hours;
        this.choices = choices;
        this.properties = properties;
    }

    /**
     * For a campaign chosen for a best-time send, sets the due times of its recipients
     * that have none yet (safe to repeat after a crash mid-start); does nothing for other
     * campaigns.
     */
    public void assignIfChosen(long campaignId, Instant start) {
        if (!choices.chosen(campaignId)) {
            return;
        }
        ZoneId zone = zone(campaignId);
        HourSlots slots = new HourSlots(start, properties.window(), zone);
        int picked = hours.pickContacts(campaignId, zone, properties.minOpens());
        int own = picked == 0 ? 0 : assignOwnHours(campaignId, slots);
        OptionalInt audience = hours.audienceHour(campaignId, zone);
        int fallback = 0;
        if (audience.isPresent()) {
            fallback = jdbc.update(
                    "UPDATE campaign_recipient SET due_at = ?, send_slot = 'AUDIENCE' WHERE campaign_id = ? "
                            + "AND send_slot IS NULL AND status = 'PENDING'",
                    Timestamp.from(slots.due(audience.getAsInt() % 24)), campaignId);
        }
        log.info("Campaign {} at each contact's best time: {} at their own hour, {} at the audience's{}", campaignId,
                own, fallback, audience.isPresent() ? " (hour of week " + audience.getAsInt() + ")"
                        : "; nobody in the audience has opened yet, so the rest go at the plain time");
    }

    /**
     * When the last recipient of a best-time campaign is due at the latest: after its
     * start, the latest due time left among its pending recipients; before, the window's
     * last slot from {@code start}. Empty for a plain campaign (or one with nobody left
     * to wait for), so estimates stay the mailbox pool's own.
     */
    public java.util.Optional<Instant> lastDue(long campaignId, Instant start) {
        if (!choices.chosen(campaignId)) {
            return java.util.Optional.empty();
        }
        boolean started = !jdbc
            .queryForList("SELECT id FROM campaign_recipient WHERE campaign_id = ? LIMIT 1", Long.class, campaignId)
            .isEmpty();
        if (!started) {
            return java.util.Optional.of(new HourSlots(start, properties.window(), zone(campaignId)).latest());
        }
        Timestamp last = jdbc.queryForObject(
                "SELECT MAX(due_at) FROM campaign_recipient WHERE campaign_id = ? AND status = 'PENDING'",
                Timestamp.class, campaignId);
        return java.util.Optional.ofNullable(last).map(Timestamp::toInstant);
    }

    /** One statement: each picked contact's row due at the start of their hour. */
    private int assignOwnHours(long campaignId, HourSlots slots) {
        StringBuilder due = new StringBuilder("CASE (SELECT MOD(p.hour_of_week, 24) FROM best_time_pick p "
                + "WHERE p.campaign_id = r.campaign_id AND p.contact_id = r.contact_id)");
        List<Object> args = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            due.append(" WHEN ").append(h).append(" THEN CAST(? AS TIMESTAMP WITH TIME ZONE)");
            args.add(Timestamp.from(slots.due(h)));
        }
        due.append(" END");
        args.add(campaignId);
        return jdbc.update("UPDATE campaign_recipient r SET send_slot = 'CONTACT', due_at = " + due
                + " WHERE r.campaign_id = ? AND r.send_slot IS NULL AND r.status = 'PENDING' AND EXISTS (SELECT 1 "
                + "FROM best_time_pick p WHERE p.campaign_id = r.campaign_id AND p.contact_id = r.contact_id)",
                args.toArray());
    }

    private ZoneId zone(long campaignId) {
        String zone = jdbc.queryForObject("SELECT schedule_zone FROM campaign WHERE id = ?", String.class, campaignId);
        try {
            return zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
        }
        catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

}
