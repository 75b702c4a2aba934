package lux.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.config.CoreProperties;
import lux.shared.ConflictException;
import lux.shared.ForbiddenException;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The optional four-eyes rule ({@code lux.campaigns.approval.required}): scheduling only
 * asks, and nothing is sent until a second person approves. The approver approves what
 * they saw: editing the campaign withdraws the request, and a template changed after the
 * request makes it stale.
 */
@Service
public class SendApprovalService {

    private final CampaignRepository campaigns;

    private final CoreProperties.Approval settings;

    private final UserService users;

    private final TemplateService templates;

    private final CampaignAudiences audiences;

    private final AuditService audit;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    SendApprovalService(CampaignRepository campaigns, CoreProperties properties, UserService users,
            TemplateService templates, CampaignAudiences audiences, AuditService audit,
            ApplicationEventPublisher events, Clock clock) {
        this.campaigns = campaigns;
        this.settings = properties.campaigns().approval();
        this.users = users;
        this.templates = templates;
        this.audiences = audiences;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public boolean required() {
        return settings.required();
    }

    public CoreProperties.Approvers approvers() {
        return settings.approvers();
    }

    /** Campaigns waiting for a second person, oldest request first. */
    @Transactional(readOnly = true)
    public List<CampaignView> pending() {
        return campaigns.findByApprovalStateOrderByApprovalRequestedAt(ApprovalState.PENDING)
            .stream()
            .map(CampaignView::of)
            .toList();
    }

    /**
     * Why {@code actor} may not approve this campaign now, or empty when they may (the
     * console shows buttons by it).
     */
    @Transactional(readOnly = true)
    public Optional<String> whyNot(CampaignView campaign, Actor actor) {
        if (!campaign.awaitingApproval()) {
            return Optional.of("\"" + campaign.name() + "\" is not waiting for approval.");
        }
        if (actor.userId() == null) {
            return Optional.of("Approvals need a signed-in person, not " + actor.name() + ".");
        }
        if (actor.userId().equals(campaign.approval().requestedById())) {
            return Optional.of("You asked to send \"" + campaign.name() + "\", so a second person must approve it"
                    + (settings.approvers() == CoreProperties.Approvers.ADMINS ? " (an admin)." : "."));
        }
        User user;
        try {
            user = users.get(actor.userId());
        }
        catch (NotFoundException e) {
            return Optional.of("Your LUX user no longer exists.");
        }
        if (!user.isEnabled()) {
            return Optional.of("Your LUX user is disabled.");
        }
        if (settings.approvers() == CoreProperties.Approvers.ADMINS && user.getRole() != Role.ADMIN) {
            return Optional
                .of("Only admins may approve sends here; ask an admin to approve \"" + campaign.name() + "\".");
        }
        return Optional.empty();
    }

    /**
     * Throws unless {@code actor} may {@code verb} ("approve" or "reject") this campaign
     * now: 403 when it waits but not for them, 409 when nothing waits.
     */
    public void requireMayDecide(CampaignView campaign, Actor actor, String verb) {
        whyNot(campaign, actor).ifPresent(reason -> {
            throw campaign.awaitingApproval() ? new ForbiddenException(reason.replace("approve", verb))
                    : new ConflictException(reason);
        });
    }

    /**
     * Called by scheduling when approval is required: records the request, changes no
     * status.
     */
    CampaignView request(Campaign campaign, Instant at, ZoneId zone, long audience, Actor actor) {
        Instant now = clock.instant();
        if (!campaign.getStatus().canBecome(CampaignStatus.SCHEDULED)) {
            throw new IllegalTransitionException(campaign.getName(), campaign.getStatus(), CampaignStatus.SCHEDULED);
        }
        Instant templateAt = templates.get(campaign.getTemplateId()).updatedAt();
        campaign.requestApproval(at, zone, actor.userId(), actor.name(), templateAt, now);
        campaign.setApprovalHash(SendFingerprint.of(templates.content(campaign.getTemplateId()), campaign,
                audiences.source(campaign), CampaignService.when(at)));
        audit.record(actor, "campaign.approval.request", "campaign", campaign.getId(),
                at + " (" + zone.getId() + "), about " + audience + " recipients");
        events.publishEvent(
                new CampaignEvent.ApprovalRequested(campaign.getId(), campaign.getName(), actor, at, audience, now));
        return CampaignView.of(campaign);
    }

    /**
     * Takes a pending request back (the requester changed their mind, or the campaign was
     * edited or cancelled).
     */
    void withdraw(Campaign campaign, String why, Actor actor) {
        if (!campaign.awaitingApproval()) {
            return;
        }
        Instant now = clock.instant();
        campaign.decideApproval(ApprovalState.WITHDRAWN, actor.name(), why, now);
        audit.record(actor, "campaign.approval.withdraw", "campaign", campaign.getId(), why);
        events.publishEvent(new CampaignEvent.ApprovalDecided(campaign.getId(), campaign.getName(),
                ApprovalState.WITHDRAWN, actor, campaign.getApprovalRequestedBy(), why, now));
    }

    /**
     * A second person approves: the campaign is scheduled for the time asked for, or now
     * if that has passed.
     */
    @Transactional
    public CampaignView approve(long id, Actor actor) {
        Campaign campaign = entity(id);
        requireMayDecide(CampaignView.of(campaign), actor, "approve");
        Instant templateAt = templates.get(campaign.getTemplateId()).updatedAt();
        if (campaign.getApprovalTemplateAt() != null && !campaign.getApprovalTemplateAt().equals(templateAt)) {
            throw new ConflictException("The template of \"" + campaign.getName() + "\" changed after "
                    + campaign.getApprovalRequestedByName()
                    + " asked for approval. Reject it and ask them to schedule again.");
        }
        TemplateContent content = templates.content(campaign.getTemplateId());
        if (campaign.getApprovalHash() != null && !campaign.getApprovalHash()
            .equals(SendFingerprint.of(content, campaign, audiences.source(campaign),
                    CampaignService.when(campaign.getScheduledAt())))) {
            throw new ConflictException(
                    "\"" + campaign.getName() + "\" changed after " + campaign.getApprovalRequestedByName()
                            + " asked for approval. Reject it and ask them to schedule again.");
        }
        long audience = audiences.count(campaign);
        if (audience == 0) {
            throw new InvalidInputException("audience",
                    "\"" + campaign.getName() + "\" would now reach nobody; reject it instead.");
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant at = campaign.getScheduledAt() == null || campaign.getScheduledAt().isBefore(now) ? now
                : campaign.getScheduledAt();
        CampaignStatus from = campaign.transitionTo(CampaignStatus.SCHEDULED, now);
        campaign.schedule(at, campaign.getScheduleZone() == null ? ZoneId.of("UTC") : campaign.getScheduleZone());
        campaign.pin(content,
                SendFingerprint.of(content, campaign, audiences.source(campaign), CampaignService.when(at)));
        campaign.decideApproval(ApprovalState.APPROVED, actor.name(), null, now);
        audit.record(actor, "campaign.approve", "campaign", id, "requested by " + campaign.getApprovalRequestedByName()
                + ", scheduled for " + at + ", about " + audience + " recipients");
        events.publishEvent(new CampaignEvent.ApprovalDecided(id, campaign.getName(), ApprovalState.APPROVED, actor,
                campaign.getApprovalRequestedBy(), null, now));
        events.publishEvent(
                new CampaignEvent.StatusChanged(id, campaign.getName(), from, CampaignStatus.SCHEDULED, actor, now));
        return CampaignView.of(campaign);
    }

    /**
     * A second person says no, with a reason the requester is told; the campaign stays as
     * it was.
     */
    @Transactional
    public CampaignView reject(long id, String reason, Actor actor) {
        Campaign campaign = entity(id);
        requireMayDecide(CampaignView.of(campaign), actor, "reject");
        String note = reason == null || reason.isBlank() ? null : reason.strip();
        if (note != null && note.length() > 1000) {
            throw new InvalidInputException("reason", "Keep the reason under 1,000 characters.");
        }
        Instant now = clock.instant();
        campaign.decideApproval(ApprovalState.REJECTED, actor.name(), note, now);
        audit.record(actor, "campaign.reject", "campaign", id, note == null ? "no reason given" : note);
        events.publishEvent(new CampaignEvent.ApprovalDecided(id, campaign.getName(), ApprovalState.REJECTED, actor,
                campaign.getApprovalRequestedBy(), note, now));
        return CampaignView.of(campaign);
    }

    private Campaign entity(long id) {
        return campaigns.findById(id).orElseThrow(() -> new NotFoundException("Campaign", id));
    }

}
