package lux.agent.tools;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import lux.campaigns.CampaignEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A draft changed (its fields or its template): the Confirm cards still open for it no
 * longer show what would be sent, so they stop working, and each person who holds one is
 * told ({@link ConfirmationWithdrawn}, posted in Teams by the bot).
 */
@Component
class ConfirmationWithdrawals {

    static final String WITHDRAWN = "WITHDRAWN";

    private static final String BOUND_KINDS = "('SCHEDULE', 'RESUME', 'APPROVE')";

    private final JdbcTemplate jdbc;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ConfirmationWithdrawals(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onEdited(CampaignEvent.Edited edited) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Long> holders = jdbc
            .queryForList("SELECT DISTINCT user_id FROM agent_confirmation WHERE campaign_id = ? AND used_at IS NULL "
                    + "AND expires_at > ? AND kind IN " + BOUND_KINDS, Long.class, edited.campaignId(), now);
        jdbc.update(
                "UPDATE agent_confirmation SET used_at = ?, outcome = ? WHERE campaign_id = ? AND used_at IS NULL AND kind IN "
                        + BOUND_KINDS,
                now, WITHDRAWN, edited.campaignId());
        for (long user : holders) {
            events.publishEvent(new ConfirmationWithdrawn(user, edited.campaignId(), edited.name(), edited.what()));
        }
    }

}
