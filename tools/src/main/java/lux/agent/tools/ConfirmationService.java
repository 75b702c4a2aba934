package lux.agent.tools;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import lux.agent.AgentOutput;
import lux.agent.ConfirmationKind;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.ConfirmedSends;
import lux.campaigns.PlanCheck;
import lux.campaigns.SchedulePlan;
import lux.campaigns.SchedulePlanner;
import lux.campaigns.SendApprovalService;
import lux.campaigns.CampaignAudiences;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The confirmation gate. Tools may only <em>request</em> an action that sends or
 * schedules mail, or one that cannot be undone (cancel, reject); it happens when the same
 * user presses Confirm on the card, which carries a random one-time nonce. The nonce is
 * stored hashed, expires, is spent once, and is never given to the model, so nothing the
 * model writes can press Confirm. A card is bound to the campaign's version and a
 * fingerprint of what it would send: if that changed since the card was made, Confirm
 * does nothing and says so ({@link ConfirmationWithdrawals} also withdraws it).
 */
@Service
public class ConfirmationService {

    private final CampaignService campaigns;

    private final CampaignAudiences audiences;

    private final AuditService audit;

    private final Clock clock;

    private final SendApprovalService approvals;

    private final ConfirmedSends confirmed;

    private final SchedulePlanner planner;

    private final ConfirmationSpends spends;

    private final ConfirmationIssuer issuer;

    private final WinnerConfirmations winners;

    ConfirmationService(CampaignService campaigns, CampaignAudiences audiences, AuditService audit, Clock clock,
            SendApprovalService approvals, ConfirmedSends confirmed, SchedulePlanner planner, ConfirmationSpends spends,
            ConfirmationIssuer issuer, WinnerConfirmations winners) {
        this.winners = winners;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.audit = audit;
        this.clock = clock;
        this.approvals = approvals;
        this.confirmed = confirmed;
        this.planner = planner;
        this.spends = spends;
        this.issuer = issuer;
    }

    /**
     * The schedule plan's checks refuse (status, time, audience); otherwise the card
     * shows the plan (pre-flight's blocking findings withhold Confirm), with a fresh
     * nonce.
     */
    @Transactional
    public AgentOutput.Confirmation requestSchedule(Actor actor, long campaignId, LocalDateTime localTime,
            ZoneId zone) {
        SchedulePlan plan = planner.plan(campaignId, localTime, zone).requireSendable();
        return request(actor, ConfirmationKind.SCHEDULE, plan.campaign(), localTime, zone, plan.when(), null,
                plan.audienceCount(), plan.estimatedFinish(), plan.warnings(), plan.blocking());
    }

    @Transactional
    public AgentOutput.Confirmation requestResume(Actor actor, long campaignId, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        if (campaign.status() != CampaignStatus.PAUSED) {
            throw new ConflictException(
                    "Campaign \"" + campaign.name() + "\" is " + campaign.status().label() + ", not paused.");
        }
        ZonedDateTime when = campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(clock.instant())
                ? campaign.scheduledAt().atZone(zone) : ZonedDateTime.ofInstant(clock.instant(), zone);
        return request(actor, ConfirmationKind.RESUME, campaign, null, zone, when, null);
    }

    /**
     * A second person approving a requested send (send approval on) confirms on a card
     * like the requester did.
     */
    @Transactional
    public AgentOutput.Confirmation requestApproval(Actor actor, long campaignId, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        approvals.requireMayDecide(campaign, actor, "approve");
        Instant now = clock.instant();
        ZonedDateTime when = (campaign.scheduledAt() == null || campaign.scheduledAt().isBefore(now) ? now
                : campaign.scheduledAt())
            .atZone(zone);
        long audience = audiences.count(campaign.id());
        if (audience == 0) {
            throw new InvalidInputException("audience", "Campaign \"" + campaign.name()
                    + "\" would reach nobody: there are no " + audiences.describe(campaign.id()) + ".");
        }
        // the same plan the requester saw, less its note that approval is needed: that
        // is this card
        SchedulePlan plan = planner.plan(campaignId, when.toLocalDateTime(), zone);
        return request(actor, ConfirmationKind.APPROVE, campaign, null, zone, when, null, plan.audienceCount(),
                plan.estimatedFinish(),
                plan.warnings().stream().filter(c -> c.topic() != PlanCheck.Topic.APPROVAL).toList(), plan.blocking());
    }

    /**
     * Cancelling cannot be undone, so the model only asks; the person confirms on a card.
     */
    @Transactional
    public AgentOutput.Confirmation requestCancel(Actor actor, long campaignId, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        if (!campaign.status().canBecome(CampaignStatus.CANCELLED)) {
            throw new ConflictException("Campaign \"" + campaign.name() + "\" is " + campaign.status().label()
                    + " and cannot be cancelled.");
        }
        return request(actor, ConfirmationKind.CANCEL, campaign, null, zone,
                ZonedDateTime.ofInstant(clock.instant(), zone), null);
    }

    /**
     * Rejecting another person's send tells them no for good; the approver confirms it on
     * a card.
     */
    @Transactional
    public AgentOutput.Confirmation requestReject(Actor actor, long campaignId, String reason, ZoneId zone) {
        CampaignView campaign = campaigns.get(campaignId);
        approvals.requireMayDecide(campaign, actor, "reject");
        String note = reason == null || reason.isBlank() ? null : reason.strip();
        if (note != null && note.length() > 1000) {
            throw new InvalidInputException("reason", "Keep the reason under 1,000 characters.");
        }
        return request(actor, ConfirmationKind.REJECT, campaign, null, zone,
                ZonedDateTime.ofInstant(clock.instant(), zone), note);
    }

    /**
     * Resume, cancel, reject: the audience as it stands, the finish from the schedule
     * planner's one estimator.
     */
    private AgentOutput.Confirmation request(Actor actor, ConfirmationKind kind, CampaignView campaign,
            LocalDateTime localTime, ZoneId zone, ZonedDateTime when, String note) {
        boolean started = kind == ConfirmationKind.RESUME
                || (kind == ConfirmationKind.CANCEL && campaign.startedAt() != null);
        long audience = started ? campaign.remaining() : audiences.count(campaign.id());
        Instant now = clock.instant();
        Instant start = when.toInstant().isBefore(now) ? now : when.toInstant();
        return request(actor, kind, campaign, localTime, zone, when, note, audience,
                planner.finish(campaign, audience, start), List.of(), List.of());
    }

    private AgentOutput.Confirmation request(Actor actor, ConfirmationKind kind, CampaignView campaign,
            LocalDateTime localTime, ZoneId zone, ZonedDateTime when, String note, long audience, Instant finish,
            List<PlanCheck> warnings, List<PlanCheck> blocking) {
        return issuer.issue(actor, kind, campaign, localTime, zone, when, note, audience, finish, warnings, blocking);
    }

    /** Presses Confirm: only the user the card was made for, once, before it expires. */
    @Transactional
    public CampaignView confirm(String nonce, Actor actor) {
        ConfirmationSpends.Pending row = spends.spend(nonce, actor, "CONFIRMED");
        requireAboutACampaign(row);
        long campaignId = row.campaignId();
        ConfirmationKind kind = row.kind();
        if (kind.boundToContent() && row.contentHash() != null) {
            CampaignView campaign = campaigns.get(campaignId);
            String now = confirmed
                .binding(campaignId, ConfirmationIssuer.boundTime(kind, row.localTime(), row.zone(), campaign))
                .hash();
            if (!now.equals(row.contentHash())) {
                // rolls the spend back too: the card keeps refusing until the campaign is
                // again exactly what it showed
                throw new ConflictException("\"" + campaign.name()
                        + "\" changed after this card was made (its template, audience or "
                        + "sender is not what the card showed). Nothing was done. Ask LUX again to see it as it is now.");
            }
        }
        audit.record(actor, "campaign.confirm", "campaign", campaignId, kind.name());
        switch (kind) {
            case RESUME -> {
                return campaigns.resume(campaignId, actor);
            }
            case APPROVE -> {
                return approvals.approve(campaignId, actor);
            }
            case CANCEL -> {
                return campaigns.cancel(campaignId, actor);
            }
            case REJECT -> {
                return approvals.reject(campaignId, row.note(), actor);
            }
            case CHOOSE_WINNER -> {
                return winners.confirmed(campaignId, row.note(), actor);
            }
            default -> {
                // SCHEDULE, below
            }
        }
        return campaigns.schedule(campaignId, row.localTime() == null ? null : LocalDateTime.parse(row.localTime()),
                ZoneId.of(row.zone()), actor);
    }

    /**
     * Presses Cancel: the card stops working; nothing else changes. Returns the campaign
     * it was about.
     */
    @Transactional
    public CampaignView decline(String nonce, Actor actor) {
        ConfirmationSpends.Pending row = spends.spend(nonce, actor, "DECLINED");
        requireAboutACampaign(row);
        return campaigns.get(row.campaignId());
    }

    /**
     * A card about contacts is pressed through ContactDeletions; here it refuses (and the
     * spend rolls back).
     */
    private static void requireAboutACampaign(ConfirmationSpends.Pending row) {
        if (row.kind().aboutContacts()) {
            throw new ConflictException("This card is about contacts, not a campaign. Nothing was done.");
        }
        if (row.kind().aboutJourney()) {
            throw new ConflictException("This card is about a journey, not a campaign. Nothing was done.");
        }
    }

}
