package lux.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.contacts.AudienceFilter;
import lux.contacts.AudiencePreview;
import lux.contacts.ContactService;
import lux.shared.InvalidInputException;
import lux.segments.SegmentService;
import lux.shared.NotFoundException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns as a template plus an audience, and their lifecycle. Every status change goes
 * through {@link Campaign#transitionTo}, is audited and published as a
 * {@link CampaignEvent}.
 */
@Service
public class CampaignService {

    static final int MAX_NAME = 200;

    private final CampaignRepository campaigns;

    private final CampaignRecipientRepository recipients;

    private final TemplateService templates;

    private final ContactService contacts;

    private final AuditService audit;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final SendApprovalService approvals;

    private final Senders senders;

    private final UserService users;

    private final SchedulePlanner planner;

    private final CampaignAudiences audiences;

    private final SegmentService segments;

    CampaignService(CampaignRepository campaigns, CampaignRecipientRepository recipients, TemplateService templates,
            ContactService contacts, AuditService audit, ApplicationEventPublisher events, Clock clock,
            SendApprovalService approvals, Senders senders, UserService users, SchedulePlanner planner,
            CampaignAudiences audiences, SegmentService segments) {
        this.planner = planner;
        this.audiences = audiences;
        this.segments = segments;
        this.approvals = approvals;
        this.senders = senders;
        this.users = users;
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.templates = templates;
        this.contacts = contacts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * As {@link #create(NewCampaign, Actor, Role)} with the role of the actor's LUX user
     * (Teams, tools).
     */
    @Transactional
    public CampaignView create(NewCampaign request, Actor actor) {
        return create(request, actor, roleOf(actor));
    }

    /**
     * Creates a draft. {@code role} is the acting role (an API token's own role, which
     * may be less than its creator's): only an admin may name a sender outside the
     * default pool, and nobody one that is not configured.
     */
    @Transactional
    public CampaignView create(NewCampaign request, Actor actor, Role role) {
        String name = requireName(request.name());
        String sender = senders.check(request.sender(), role == Role.ADMIN);
        templates.get(request.templateId());
        AudienceFilter audience = request.segmentId() != null || request.audience() == null ? AudienceFilter.everyone()
                : request.audience();
        contacts.requireKnownTags(audience);
        Long segmentId = requireSegment(request.segmentId());
        Instant now = clock.instant();
        Campaign campaign = new Campaign(name, request.templateId(), sender, audience, actor.userId(), now);
        campaign.useSegment(segmentId);
        campaign = campaigns.save(campaign);
        audit.record(actor, "campaign.create", "campaign", campaign.getId(),
                name + " to " + audiences.describe(campaign));
        events.publishEvent(new CampaignEvent.Created(campaign.getId(), name, actor, now));
        return CampaignView.of(campaign);
    }

    @Transactional
    public CampaignView update(long id, CampaignChanges changes, Actor actor) {
        return update(id, changes, actor, roleOf(actor));
    }

    /**
     * Changes a draft; anything past draft must be paused or cancelled instead. A pending
     * approval and any Confirm card shown for it are withdrawn (the people who saw them
     * are told).
     */
    @Transactional
    public CampaignView update(long id, CampaignChanges changes, Actor actor, Role role) {
        Campaign campaign = entity(id);
        String sender = senders.check(changes.sender(), role == Role.ADMIN);
        if (campaign.getStatus() != CampaignStatus.DRAFT) {
            throw new lux.shared.ConflictException("Campaign \"" + campaign.getName() + "\" is "
                    + campaign.getStatus().label() + "; only drafts can be edited.");
        }
        if (changes.templateId() != null) {
            templates.get(changes.templateId());
        }
        if (changes.audience() != null) {
            contacts.requireKnownTags(changes.audience());
        }
        Long segmentId = requireSegment(changes.segmentId());
        approvals.withdraw(campaign, "the campaign was changed after approval was asked for", actor);
        if (segmentId != null) {
            campaign.useSegment(segmentId);
        }
        else if (changes.audience() != null) {
            campaign.useSegment(null); // tags chosen: the tags are the audience again
        }
        campaign.edit(changes.name() == null ? null : requireName(changes.name()), changes.templateId(), sender,
                changes.audience(), clock.instant());
        audit.record(actor, "campaign.update", "campaign", id, null);
        events.publishEvent(new CampaignEvent.Edited(id, campaign.getName(), "it was changed by " + actor.name(), actor,
                clock.instant()));
        return CampaignView.of(campaign);
    }

    @Transactional(readOnly = true)
    public AudiencePreview previewAudience(long id, int sampleSize) {
        return contacts.previewAudience(entity(id).getAudience(), sampleSize);
    }

    /**
     * The campaign's segment, or null when its audience is its tags (or it is a resend).
     */
    @Transactional(readOnly = true)
    public Long segmentOf(long id) {
        return entity(id).getSegmentId();
    }

    /**
     * Schedules a draft (or a failed campaign) for a wall-clock time in a zone; null time
     * means now. Refuses what the {@link SchedulePlanner}'s plan blocks. With send
     * approval on, this only asks: the campaign keeps its status until a second person
     * approves it.
     */
    @Transactional
    public CampaignView schedule(long id, LocalDateTime localTime, ZoneId zone, Actor actor) {
        ZoneId scheduleZone = zone == null ? ZoneId.of("UTC") : zone;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored, so the
                                                                      // fingerprint reads
                                                                      // back the same
        Instant at = localTime == null ? now : localTime.atZone(scheduleZone).toInstant();
        Campaign campaign = entity(id);
        long audience = planner.requireSendable(planner.plan(CampaignView.of(campaign), localTime, scheduleZone))
            .audienceCount();
        if (approvals.required()) {
            return approvals.request(campaign, at, scheduleZone, audience, actor);
        }
        CampaignStatus from = campaign.transitionTo(CampaignStatus.SCHEDULED, now);
        campaign.schedule(at, scheduleZone);
        TemplateContent content = templates.content(campaign.getTemplateId());
        campaign.pin(content, SendFingerprint.of(content, campaign, audiences.source(campaign), when(at)));
        audit.record(actor, "campaign.schedule", "campaign", id,
                at + " (" + scheduleZone.getId() + "), about " + audience + " recipients");
        events.publishEvent(
                new CampaignEvent.StatusChanged(id, campaign.getName(), from, CampaignStatus.SCHEDULED, actor, now));
        return CampaignView.of(campaign);
    }

    /**
     * Back to draft: takes a scheduled campaign off the calendar (or a send approval
     * request back) so it can be edited.
     */
    @Transactional
    public CampaignView unschedule(long id, Actor actor) {
        Campaign campaign = entity(id);
        if (campaign.awaitingApproval()) {
            approvals.withdraw(campaign, "withdrawn by " + actor.name(), actor);
            return CampaignView.of(campaign);
        }
        return transition(id, CampaignStatus.DRAFT, "campaign.unschedule", actor);
    }

    @Transactional
    public CampaignView pause(long id, Actor actor) {
        return transition(id, CampaignStatus.PAUSED, "campaign.pause", actor);
    }

    /**
     * Resumes a paused campaign: sending again if it had started, otherwise scheduled
     * again.
     */
    @Transactional
    public CampaignView resume(long id, Actor actor) {
        Campaign campaign = entity(id);
        CampaignStatus next = campaign.getStartedAt() != null ? CampaignStatus.SENDING : CampaignStatus.SCHEDULED;
        if (campaign.getStatus() != CampaignStatus.PAUSED) {
            throw new IllegalTransitionException(campaign.getName(), campaign.getStatus(), next);
        }
        return transition(id, next, "campaign.resume", actor);
    }

    @Transactional
    public CampaignView cancel(long id, Actor actor) {
        approvals.withdraw(entity(id), "the campaign was cancelled", actor);
        return transition(id, CampaignStatus.CANCELLED, "campaign.cancel", actor);
    }

    /** The one way status changes (delivery uses it for sending/sent/failed). */
    @Transactional
    public CampaignView transition(long id, CampaignStatus next, String action, Actor actor) {
        Campaign campaign = entity(id);
        Instant now = clock.instant();
        CampaignStatus from = campaign.transitionTo(next, now);
        if (next == CampaignStatus.DRAFT) {
            campaign.unpin(); // a draft again: what it sends must be confirmed again
        }
        audit.record(actor, action, "campaign", id, from.label() + " -> " + next.label());
        events.publishEvent(new CampaignEvent.StatusChanged(id, campaign.getName(), from, next, actor, now));
        return CampaignView.of(campaign);
    }

    /** Recomputes the counters from the recipient rows (the rows are the truth). */
    @Transactional
    public CampaignView refreshCounters(long id) {
        Campaign campaign = entity(id);
        Map<RecipientStatus, Long> counts = recipientCounts(id);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        campaign.setCounters((int) total, counts.get(RecipientStatus.SENT).intValue(),
                counts.get(RecipientStatus.FAILED).intValue(), counts.get(RecipientStatus.SKIPPED).intValue());
        return CampaignView.of(campaign);
    }

    @Transactional(readOnly = true)
    public Map<RecipientStatus, Long> recipientCounts(long id) {
        Map<RecipientStatus, Long> counts = new EnumMap<>(RecipientStatus.class);
        for (RecipientStatus s : RecipientStatus.values()) {
            counts.put(s, 0L);
        }
        recipients.countByStatus(id).forEach(c -> counts.put(c.getStatus(), c.getCount()));
        return counts;
    }

    @Transactional(readOnly = true)
    public CampaignView get(long id) {
        return CampaignView.of(entity(id));
    }

    /**
     * The LUX user who created the campaign (progress and counts are told to them), if
     * one did.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> owner(long id) {
        return campaigns.findById(id).map(Campaign::getCreatedBy);
    }

    /**
     * The most recent campaign with this name (case-insensitive), for "pause the spring
     * sale".
     */
    @Transactional(readOnly = true)
    public CampaignView getByName(String name) {
        return campaigns.findFirstByNameIgnoreCaseOrderByIdDesc(name == null ? "" : name.trim())
            .map(CampaignView::of)
            .orElseThrow(() -> new NotFoundException("Campaign", "\"" + name + "\""));
    }

    /**
     * The campaign people call {@code name}: by name, else "#12" or "12" as its id; not
     * found names the recent ones.
     */
    @Transactional(readOnly = true)
    public CampaignView find(String name) {
        String wanted = name == null ? "" : name.strip();
        try {
            return getByName(wanted);
        }
        catch (NotFoundException e) {
            if (wanted.matches("#?\\d+")) {
                return get(Long.parseLong(wanted.replace("#", "")));
            }
            String known = list(null, org.springframework.data.domain.PageRequest.of(0, 10)).stream()
                .map(CampaignView::name)
                .collect(java.util.stream.Collectors.joining(", "));
            throw new NotFoundException("Campaign",
                    "\"" + wanted + "\"" + (known.isEmpty() ? "" : " (recent: " + known + ")"));
        }
    }

    @Transactional(readOnly = true)
    public Page<CampaignView> list(CampaignStatus status, Pageable pageable) {
        return (status == null ? campaigns.findByForJourneyFalseOrderByIdDesc(pageable)
                : campaigns.findByStatusAndForJourneyFalseOrderByIdDesc(status, pageable))
            .map(CampaignView::of);
    }

    @Transactional(readOnly = true)
    public Map<CampaignStatus, Long> countByStatus() {
        Map<CampaignStatus, Long> counts = new EnumMap<>(CampaignStatus.class);
        for (CampaignStatus s : CampaignStatus.values()) {
            counts.put(s, 0L);
        }
        campaigns.countByStatus().forEach(c -> counts.put(c.getStatus(), c.getCount()));
        return counts;
    }

    /**
     * A new draft with the same template, sender and audience (whatever the original's
     * status), named {@code newName} or "<name> (copy)". The copy passes the same checks
     * as a new campaign: a marketer cannot copy an admin-only sender.
     */
    @Transactional
    public CampaignView duplicate(long id, String newName, Actor actor) {
        Campaign original = entity(id);
        String name = newName == null || newName.isBlank() ? original.getName() + " (copy)" : newName;
        return create(new NewCampaign(name, original.getTemplateId(), original.getSender(), original.getAudience()),
                actor);
    }

    private Campaign entity(long id) {
        return campaigns.findById(id).orElseThrow(() -> new NotFoundException("Campaign", id));
    }

    private Long requireSegment(Long segmentId) {
        if (segmentId == null) {
            return null;
        }
        try {
            segments.get(segmentId);
            return segmentId;
        }
        catch (NotFoundException e) {
            throw new InvalidInputException("segmentId",
                    "There is no segment " + segmentId + "; pick one from the segments list.");
        }
    }

    private static String requireName(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "Give the campaign a name.");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "The campaign name is longer than " + MAX_NAME + " characters.");
        }
        return name;
    }

    /**
     * Scheduler and system act for LUX itself; a person acts with their LUX user's role
     * (none known: the lesser role).
     */
    private Role roleOf(Actor actor) {
        if (actor.userId() == null) {
            return actor.channel() == Channel.SCHEDULER || actor.channel() == Channel.SYSTEM ? Role.ADMIN
                    : Role.MARKETER;
        }
        try {
            User user = users.get(actor.userId());
            return user.isEnabled() ? user.getRole() : Role.MARKETER;
        }
        catch (NotFoundException e) {
            return Role.MARKETER;
        }
    }

    /** The time as the fingerprint takes it: milliseconds, which every database keeps. */
    static String when(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS).toString();
    }

}
