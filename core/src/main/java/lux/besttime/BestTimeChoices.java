package lux.besttime;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which campaigns are to go at each contact's best time: a row per chosen campaign. */
@Component
class BestTimeChoices {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    BestTimeChoices(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean chosen(long campaignId) {
        return !jdbc
            .queryForList("SELECT campaign_id FROM campaign_best_time WHERE campaign_id = ?", Long.class, campaignId)
            .isEmpty();
    }

    /** Turns the choice on or off; true when that changed anything. */
    boolean set(long campaignId, boolean on) {
        if (!on) {
            return jdbc.update("DELETE FROM campaign_best_time WHERE campaign_id = ?", campaignId) > 0;
        }
        return jdbc.update(
                "INSERT INTO campaign_best_time (campaign_id, chosen_at) SELECT ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM campaign_best_time WHERE campaign_id = ?)",
                campaignId, Timestamp.from(clock.instant()), campaignId) > 0;
    }

}
