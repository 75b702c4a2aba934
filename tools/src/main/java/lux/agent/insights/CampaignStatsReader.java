package lux.agent.insights;

import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.stats.StatsService;
import org.springframework.stereotype.Component;

/**
 * A campaign's numbers for the agent and the stats card, from {@link StatsService}
 * (counters and tracking rollups).
 */
@Component
public class CampaignStatsReader {

    private final CampaignService campaigns;

    private final StatsService stats;

    CampaignStatsReader(CampaignService campaigns, StatsService stats) {
        this.campaigns = campaigns;
        this.stats = stats;
    }

    public CampaignStats read(long campaignId) {
        CampaignView campaign = campaigns.get(campaignId);
        lux.stats.CampaignStats s = stats.campaign(campaignId);
        long pending = Math.max(0, s.recipients() - s.sent() - s.failed() - s.skipped());
        return new CampaignStats(campaign, s.recipients(), s.sent(), s.failed(), s.skipped(), pending,
                s.human().uniqueOpens(), s.machine().uniqueOpens(), s.human().uniqueClicks(), s.unsubscribes(),
                s.deliverability());
    }

}
