package lux.stats;

import java.time.Instant;
import java.util.List;

/**
 * One campaign's numbers. Opens and clicks are counted for humans and machines
 * separately; rates use humans.
 *
 * @param clickThroughRate unique human clickers / sent
 * @param clickToOpenRate unique human clickers / unique human openers
 * @param deliverability what came back from the mailboxes: bounces, replies, auto-replies
 */
public record CampaignStats(long campaignId, String name, String status, long recipients, long sent, long failed,
        long skipped, Engagement human, Engagement machine, long uniqueOpens, long uniqueClicks, long unsubscribes,
        double openRate, double clickThroughRate, double clickToOpenRate, List<LinkClicks> links,
        List<HourlyPoint> timeline, Deliverability deliverability) {

    /**
     * Accepted is what the transport took (Graph's 202, the SMTP server's 250); delivered
     * is accepted less the recipients whose mail came back (hard, or soft with no later
     * success known). Bounces count recipients, replies and auto-replies count messages.
     *
     * @param bounceRate (hard + soft) / accepted
     * @param hardBounceRate hard / accepted: what pauses a campaign past
     * {@code lux.inbound.pause-rate}
     */
    public record Deliverability(long accepted, long hardBounces, long softBounces, long delivered, long replies,
            long autoReplies, double bounceRate, double hardBounceRate) {
        public long bounced() {
            return hardBounces + softBounces;
        }
    }

    /**
     * @param uniqueOpens recipients with at least one such open (machine: opened only by
     * machines)
     */
    public record Engagement(long opens, long uniqueOpens, long clicks, long uniqueClicks) {
    }

    public record LinkClicks(long linkId, String url, long humanClicks, long machineClicks) {
    }

    public record HourlyPoint(Instant hour, long humanOpens, long machineOpens, long humanClicks, long machineClicks) {
    }
}
