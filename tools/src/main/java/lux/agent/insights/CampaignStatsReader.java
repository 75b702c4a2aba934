package lux.agent.insights;

import java.util.Map;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.RecipientStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads a campaign's delivery and engagement numbers from the recipient rows and tracking events. */
@Component
public class CampaignStatsReader {
    private final CampaignService campaigns;
    private final JdbcTemplate jdbc;

    CampaignStatsReader(CampaignService campaigns, JdbcTemplate jdbc) {
        this.campaigns = campaigns;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public CampaignStats read(long campaignId) {
        CampaignView campaign = campaigns.get(campaignId);
        Map<RecipientStatus, Long> counts = campaigns.recipientCounts(campaignId);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long pending = counts.get(RecipientStatus.PENDING) + counts.get(RecipientStatus.SENDING);
        return new CampaignStats(campaign, total, counts.get(RecipientStatus.SENT), counts.get(RecipientStatus.FAILED),
                counts.get(RecipientStatus.SKIPPED), pending,
                distinct(campaignId, "kind = 'OPEN' AND machine = FALSE"),
                count("SELECT COUNT(*) FROM (SELECT recipient_id FROM tracking_event WHERE campaign_id = ? AND kind = 'OPEN' "
                        + "GROUP BY recipient_id HAVING MAX(CASE WHEN machine THEN 0 ELSE 1 END) = 0) m", campaignId),
                distinct(campaignId, "kind = 'CLICK' AND machine = FALSE"),
                distinct(campaignId, "kind = 'UNSUBSCRIBE'"));
    }

    private long distinct(long campaignId, String condition) {
        return count("SELECT COUNT(DISTINCT recipient_id) FROM tracking_event WHERE campaign_id = ? AND " + condition, campaignId);
    }

    private long count(String sql, long campaignId) {
        Long n = jdbc.queryForObject(sql, Long.class, campaignId);
        return n == null ? 0 : n;
    }
}
