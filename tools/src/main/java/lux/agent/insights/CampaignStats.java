package lux.agent.insights;

import lux.campaigns.CampaignView;

/**
 * A campaign's numbers. Opens and clicks count distinct recipients; {@code machineOpens}
 * are recipients whose opens all came from proxies or scanners (not counted as human
 * opens). Rates are of delivered (sent) mail.
 */
public record CampaignStats(CampaignView campaign, long recipients, long sent, long failed, long skipped, long pending,
        long humanOpens, long machineOpens, long clicks, long unsubscribes,
        lux.stats.CampaignStats.Deliverability deliverability) {

    /**
     * Numbers from before anything was read back from the mailboxes (no bounces or
     * replies known).
     */
    public CampaignStats(CampaignView campaign, long recipients, long sent, long failed, long skipped, long pending,
            long humanOpens, long machineOpens, long clicks, long unsubscribes) {
        this(campaign, recipients, sent, failed, skipped, pending, humanOpens, machineOpens, clicks, unsubscribes,
                new lux.stats.CampaignStats.Deliverability(sent, 0, 0, sent, 0, 0, 0, 0));
    }

    public double openRate() {
        return sent == 0 ? 0 : (double) humanOpens / sent;
    }

    public double clickRate() {
        return sent == 0 ? 0 : (double) clicks / sent;
    }

    public double unsubscribeRate() {
        return sent == 0 ? 0 : (double) unsubscribes / sent;
    }
}
