package lux.delivery;

import java.time.Instant;
import lux.campaigns.CampaignStatus;

/**
 * Published while a campaign sends, so the bot can update its progress card and notify
 * the marketer.
 */
public sealed interface DeliveryEvent
        permits DeliveryEvent.Started, DeliveryEvent.Progress, DeliveryEvent.Finished, DeliveryEvent.Paused {

    long campaignId();

    String campaignName();

    record Started(long campaignId, String campaignName, long recipients,
            Instant estimatedFinish) implements DeliveryEvent {
    }

    record Progress(long campaignId, String campaignName, long total, long sent, long failed, long skipped,
            Instant estimatedFinish) implements DeliveryEvent {
    }

    /** {@code status} is SENT or FAILED. */
    record Finished(long campaignId, String campaignName, CampaignStatus status, long sent, long failed,
            long skipped) implements DeliveryEvent {
    }

    /**
     * Paused by LUX itself (a rejected Graph secret, say), with the reason to show the
     * marketer.
     */
    record Paused(long campaignId, String campaignName, String reason) implements DeliveryEvent {
    }

}
