package lux.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import lux.shared.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one schedule plan: checks, audience and estimated finish for scheduling a campaign.
 * {@link CampaignService#schedule} refuses what it blocks; chat shows it on the Confirm
 * card, the console and API show it before anyone commits.
 */
@Component
public class SchedulePlanner {

    private final CampaignRepository campaigns;

    private final CampaignAudiences audiences;

    private final SendApprovalService approvals;

    private final FinishEstimate estimate;

    private final Clock clock;

    private final List<ScheduleCheck> moreChecks;

    SchedulePlanner(CampaignRepository campaigns, CampaignAudiences audiences, SendApprovalService approvals,
            FinishEstimate estimate, Clock clock, ObjectProvider<ScheduleCheck> moreChecks) {
        this.moreChecks = moreChecks.orderedStream().toList();
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.approvals = approvals;
        this.estimate = estimate;
        this.clock = clock;
    }

    /**
     * The plan for sending campaign {@code id} at a wall-clock time in {@code zone} (null
     * time = now, null zone = UTC).
     */
    @Transactional(readOnly = true)
    public SchedulePlan plan(long id, LocalDateTime localTime, ZoneId zone) {
        Campaign campaign = campaigns.findById(id).orElseThrow(() -> new NotFoundException("Campaign", id));
        return plan(CampaignView.of(campaign), localTime, zone);
    }

    SchedulePlan plan(CampaignView campaign, LocalDateTime localTime, ZoneId zone) {
        ZoneId scheduleZone = zone == null ? ZoneId.of("UTC") : zone;
        Instant now = clock.instant();
        ZonedDateTime when = (localTime == null ? LocalDateTime.ofInstant(now, scheduleZone) : localTime)
            .atZone(scheduleZone);
        long audience = audiences.count(campaign.id()); // tags, a segment, or a resend's
                                                        // non-openers
        List<PlanCheck> checks = new ArrayList<>();
        if (!campaign.status().canBecome(CampaignStatus.SCHEDULED)) {
            checks.add(PlanCheck.blocking(PlanCheck.Topic.STATUS,
                    "Campaign \"" + campaign.name() + "\" is " + campaign.status().label() + " and cannot be scheduled."
                            + (campaign.status().isFinal() ? " It is finished." : "")));
        }
        if (when.toInstant().isBefore(now.minusSeconds(60))) {
            checks.add(PlanCheck.blocking(PlanCheck.Topic.TIME, "That time (" + when.toLocalDateTime() + " "
                    + scheduleZone.getId() + ") is in the past. Choose a time from now on."));
        }
        if (audience == 0) {
            checks.add(PlanCheck.blocking(PlanCheck.Topic.AUDIENCE,
                    "Campaign \"" + campaign.name() + "\" would reach nobody: " + "no active contacts are "
                            + audiences.describe(campaign.id()).replaceFirst("^(all )?active contacts ?", "") + "."));
        }
        if (approvals.required()) {
            checks.add(PlanCheck.warning(PlanCheck.Topic.APPROVAL,
                    "Send approval is on here: after Confirm, a second person must approve it before it is sent."));
        }
        if (checks.stream().noneMatch(PlanCheck::blocks)) { // no pre-flight for what
                                                            // cannot go anyway
            moreChecks.forEach(check -> checks.addAll(check.check(campaign)));
        }
        Instant start = when.toInstant().isBefore(now) ? now : when.toInstant();
        return new SchedulePlan(campaign, when, audience, checks, finish(campaign, audience, start));
    }

    /**
     * Refuses a plan that may not go: with its own first blocking check, or with the
     * refusal of the other check (pre-flight) whose findings block, which lists every one
     * of them from the plan (no second run of the check).
     */
    SchedulePlan requireSendable(SchedulePlan plan) {
        plan.requireSendable();
        List<PlanCheck> preflight = plan.checks().stream().filter(c -> c.topic() == PlanCheck.Topic.PREFLIGHT).toList();
        for (ScheduleCheck check : moreChecks) {
            if (check.mayBlock() && preflight.stream().anyMatch(PlanCheck::blocks)) {
                throw check.refusal(plan, preflight);
            }
        }
        return plan;
    }

    /**
     * When {@code recipients} of this campaign will be out if sending starts at
     * {@code start}: the one estimator.
     */
    public Instant finish(CampaignView campaign, long recipients, Instant start) {
        return estimate.finish(campaign.id(), recipients, campaign.sender(), start);
    }

    /**
     * When a scheduled or sending campaign will be done (null once it is over or before
     * it is scheduled).
     */
    @Transactional(readOnly = true)
    public Instant estimatedFinish(CampaignView campaign) {
        Instant now = clock.instant();
        return switch (campaign.status()) {
            case SCHEDULED -> finish(campaign,
                    campaign.recipientsTotal() == 0 ? audiences.count(campaign.id()) : campaign.remaining(),
                    campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(now) ? campaign.scheduledAt()
                            : now);
            case SENDING -> finish(campaign, campaign.remaining(), now);
            case SENT -> campaign.finishedAt();
            default -> null;
        };
    }

}
