package lux.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.contacts.AudienceFilter;
import lux.contacts.AudiencePreview;
import lux.contacts.ContactService;
import lux.contacts.EmailAddress;
import lux.shared.InvalidInputException;
import lux.shared.NotFoundException;
import lux.templates.TemplateService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns as a template plus an audience, and their lifecycle. Every status change goes through
 * {@link Campaign#transitionTo}, is audited and published as a {@link CampaignEvent}.
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

    CampaignService(CampaignRepository campaigns, CampaignRecipientRepository recipients, TemplateService templates,
                    ContactService contacts, AuditService audit, ApplicationEventPublisher events, Clock clock,
                    SendApprovalService approvals) {
        this.approvals = approvals;
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.templates = templates;
        this.contacts = contacts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public CampaignView create(NewCampaign request, Actor actor) {
        String name = requireName(request.name());
        templates.get(request.templateId());
        AudienceFilter audience = request.audience() == null ? AudienceFilter.everyone() : request.audience();
        contacts.requireKnownTags(audience);
        Instant now = clock.instant();
        Campaign campaign = campaigns.save(new Campaign(name, request.templateId(), sender(request.sender()),
                audience, actor.userId(), now));
        audit.record(actor, "campaign.create", "campaign", campaign.getId(), name + " to " + audience.describe());
        events.publishEvent(new CampaignEvent.Created(campaign.getId(), name, actor, now));
        return CampaignView.of(campaign);
    }

    /** Changes a draft; anything past draft must be paused or cancelled instead. */
    @Transactional
    public CampaignView update(long id, CampaignChanges changes, Actor actor) {
        Campaign campaign = entity(id);
        if (campaign.getStatus() != CampaignStatus.DRAFT) {
            throw new lux.shared.ConflictException("Campaign \"" + campaign.getName() + "\" is " + campaign.getStatus().label()
                    + "; only drafts can be edited.");
        }
        if (changes.templateId() != null) {
            templates.get(changes.templateId());
        }
        if (changes.audience() != null) {
            contacts.requireKnownTags(changes.audience());
        }
        approvals.withdraw(campaign, "the campaign was changed after approval was asked for", actor);
        campaign.edit(changes.name() == null ? null : requireName(changes.name()), changes.templateId(),
                changes.sender() == null ? null : sender(changes.sender()), changes.audience(), clock.instant());
        audit.record(actor, "campaign.update", "campaign", id, null);
        return CampaignView.of(campaign);
    }

    @Transactional(readOnly = true)
    public AudiencePreview previewAudience(long id, int sampleSize) {
        return contacts.previewAudience(entity(id).getAudience(), sampleSize);
    }

    /**
     * Schedules a draft (or a failed campaign) for a wall-clock time in a zone; null time means now. With send
     * approval on, this only asks: the campaign keeps its status until a second person approves it.
     */
    @Transactional
    public CampaignView schedule(long id, LocalDateTime localTime, ZoneId zone, Actor actor) {
        ZoneId scheduleZone = zone == null ? ZoneId.of("UTC") : zone;
        Instant now = clock.instant();
        Instant at = localTime == null ? now : localTime.atZone(scheduleZone).toInstant();
        if (at.isBefore(now.minusSeconds(60))) {
            throw new InvalidInputException("scheduledAt", "That time (" + localTime + " " + scheduleZone.getId()
                    + ") is in the past. Choose a time from now on.");
        }
        Campaign campaign = entity(id);
        long audience = contacts.countAudience(campaign.getAudience());
        if (audience == 0) {
            throw new InvalidInputException("audience", "Campaign \"" + campaign.getName() + "\" would reach nobody: no active contacts are "
                    + campaign.getAudience().describe().replaceFirst("^(all )?active contacts ?", "") + ".");
        }
        if (approvals.required()) {
            return approvals.request(campaign, at, scheduleZone, audience, actor);
        }
        CampaignStatus from = campaign.transitionTo(CampaignStatus.SCHEDULED, now);
        campaign.schedule(at, scheduleZone);
        audit.record(actor, "campaign.schedule", "campaign", id, at + " (" + scheduleZone.getId() + "), about " + audience + " recipients");
        events.publishEvent(new CampaignEvent.StatusChanged(id, campaign.getName(), from, CampaignStatus.SCHEDULED, actor, now));
        return CampaignView.of(campaign);
    }

    /** Back to draft: takes a scheduled campaign off the calendar (or a send approval request back) so it can be edited. */
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

    /** Resumes a paused campaign: sending again if it had started, otherwise scheduled again. */
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

    /** The most recent campaign with this name (case-insensitive), for "pause the spring sale". */
    @Transactional(readOnly = true)
    public CampaignView getByName(String name) {
        return campaigns.findFirstByNameIgnoreCaseOrderByIdDesc(name == null ? "" : name.trim()).map(CampaignView::of)
                .orElseThrow(() -> new NotFoundException("Campaign", "\"" + name + "\""));
    }

    @Transactional(readOnly = true)
    public Page<CampaignView> list(CampaignStatus status, Pageable pageable) {
        return (status == null ? campaigns.findAllByOrderByIdDesc(pageable) : campaigns.findByStatusOrderByIdDesc(status, pageable))
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

    private Campaign entity(long id) {
        return campaigns.findById(id).orElseThrow(() -> new NotFoundException("Campaign", id));
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

    private static String sender(String raw) {
        return raw == null || raw.isBlank() ? null : EmailAddress.normalise(raw);
    }
}
