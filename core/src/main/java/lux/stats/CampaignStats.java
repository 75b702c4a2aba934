package lux.stats;

import java.time.Instant;
import java.util.List;

/**
 * One campaign's numbers. Opens and clicks are counted for humans and machines separately; rates use humans.
 *
 * @param clickThroughRate unique human clickers / sent
 * @param clickToOpenRate  unique human clickers / unique human openers
 */
public record CampaignStats(long campaignId, String name, String status, long recipients, long sent, long failed, long skipped,
                            Engagement human, Engagement machine, long uniqueOpens, long uniqueClicks, long unsubscribes,
                            double openRate, double clickThroughRate, double clickToOpenRate, List<LinkClicks> links,
                            List<HourlyPoint> timeline) {

    /**
     * @param uniqueOpens recipients with at least one such open (machine: opened only by machines)
     */
    public record Engagement(long opens, long uniqueOpens, long clicks, long uniqueClicks) {
    }

    public record LinkClicks(long linkId, String url, long humanClicks, long machineClicks) {
    }

    public record HourlyPoint(Instant hour, long humanOpens, long machineOpens, long humanClicks, long machineClicks) {
    }
}
