package lux.campaigns;

import java.time.Instant;
import lux.contacts.AudienceFilter;

/**
 * A campaign as callers see it; {@code approval} is null until send approval was first
 * asked for.
 */
public record CampaignView(long id, String name, long templateId, String sender, AudienceFilter audience,
        CampaignStatus status, Instant scheduledAt, String scheduleZone, Instant startedAt, Instant finishedAt,
        int recipientsTotal, int sentCount, int failedCount, int skippedCount, Instant createdAt, Instant updatedAt,
        Approval approval) {

    /** The latest send-approval request and its outcome. */
    public record Approval(ApprovalState state, Long requestedById, String requestedBy, Instant requestedAt,
            String decidedBy, Instant decidedAt, String note) {
    }

    static CampaignView of(Campaign c) {
        Approval approval = c.getApprovalState() == null ? null
                : new Approval(c.getApprovalState(), c.getApprovalRequestedBy(), c.getApprovalRequestedByName(),
                        c.getApprovalRequestedAt(), c.getApprovalDecidedByName(), c.getApprovalDecidedAt(),
                        c.getApprovalNote());
        return new CampaignView(c.getId(), c.getName(), c.getTemplateId(), c.getSender(), c.getAudience(),
                c.getStatus(), c.getScheduledAt(), c.getScheduleZone() == null ? null : c.getScheduleZone().getId(),
                c.getStartedAt(), c.getFinishedAt(), c.getRecipientsTotal(), c.getSentCount(), c.getFailedCount(),
                c.getSkippedCount(), c.getCreatedAt(), c.getUpdatedAt(), approval);
    }

    /** Recipients not yet in a final state. */
    public int remaining() {
        return Math.max(0, recipientsTotal - sentCount - failedCount - skippedCount);
    }

    /** Scheduling was asked for and waits for a second person. */
    public boolean awaitingApproval() {
        return approval != null && approval.state() == ApprovalState.PENDING;
    }
}
