package lux.inbound;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pauses a sending campaign whose hard-bounce rate passes {@code lux.inbound.pause-rate}
 * once it has {@code pause-after} accepted messages: a list that bounces this much gets
 * the tenant's mail throttled by Exchange Online Protection. The owner is told why (a
 * {@link InboundEvent.PausedForBounces}).
 */
@Component
class BounceRateGuard {

    private final JdbcTemplate jdbc;

    private final CampaignService campaigns;

    private final ApplicationEventPublisher events;

    private final InboundProperties properties;

    private final Clock clock;

    BounceRateGuard(JdbcTemplate jdbc, CampaignService campaigns, ApplicationEventPublisher events,
            InboundProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    void check(long campaignId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT c.name, c.status, c.sent_count, c.created_by, "
                + "(SELECT total FROM tracking_rollup WHERE campaign_id = c.id AND metric = 'bounce.hard') AS hard "
                + "FROM campaign c WHERE c.id = ?", campaignId);
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> c = rows.get(0);
        long accepted = ((Number) c.get("sent_count")).longValue();
        long hard = c.get("hard") == null ? 0 : ((Number) c.get("hard")).longValue();
        if (!CampaignStatus.SENDING.name().equals(c.get("status")) || accepted < properties.pauseAfter()
                || hard <= properties.pauseRate() * accepted) {
            return;
        }
        campaigns.pause(campaignId, BounceRecorder.BOUNCE_PROCESSING);
        events.publishEvent(new InboundEvent.PausedForBounces(campaignId, (String) c.get("name"),
                c.get("created_by") == null ? null : ((Number) c.get("created_by")).longValue(), hard, accepted,
                properties.pauseRate(), clock.instant()));
    }

}
