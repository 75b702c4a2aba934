package lux.campaigns;

import java.time.Instant;
import lux.contacts.AudienceFilter;

public record CampaignView(long id, String name, long templateId, String sender, AudienceFilter audience,
                           CampaignStatus status, Instant scheduledAt, String scheduleZone, Instant startedAt,
                           Instant finishedAt, int recipientsTotal, int sentCount, int failedCount, int skippedCount,
                           Instant createdAt, Instant updatedAt) {
    static CampaignView of(Campaign c) {
        return new CampaignView(c.getId(), c.getName(), c.getTemplateId(), c.getSender(), c.getAudience(), c.getStatus(),
                c.getScheduledAt(), c.getScheduleZone() == null ? null : c.getScheduleZone().getId(), c.getStartedAt(),
                c.getFinishedAt(), c.getRecipientsTotal(), c.getSentCount(), c.getFailedCount(), c.getSkippedCount(),
                c.getCreatedAt(), c.getUpdatedAt());
    }

    /** Recipients not yet in a final state. */
    public int remaining() {
        return Math.max(0, recipientsTotal - sentCount - failedCount - skippedCount);
    }
}
