package lux.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.NotFoundException;
import lux.templates.TemplateChanged;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person confirmed is what goes out. A draft's fingerprint binds a Confirm card or
 * an approval request; a scheduled campaign sends its own frozen copy of the template and
 * is checked against its fingerprint before the first recipient. Design: templates stay
 * editable in place, but a confirmed campaign never reads them again, so an edit after
 * Confirm or approval changes later campaigns only; an edit while someone is still
 * deciding withdraws.
 */
@Service
public class ConfirmedSends {

    private final CampaignRepository campaigns;

    private final TemplateService templates;

    private final SendApprovalService approvals;

    private final AuditService audit;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final CampaignAudiences audiences;

    ConfirmedSends(CampaignRepository campaigns, TemplateService templates, SendApprovalService approvals,
            AuditService audit, ApplicationEventPublisher events, Clock clock, CampaignAudiences audiences) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.approvals = approvals;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.audiences = audiences;
    }

    /** A campaign's version and the fingerprint of what it would send at {@code when}. */
    public record Binding(long version, String hash) {
    }

    /**
     * What a Confirm card binds to: the campaign as it is now (its frozen copy once
     * confirmed, else its template).
     */
    @Transactional(readOnly = true)
    public Binding binding(long campaignId, String when) {
        Campaign campaign = entity(campaignId);
        return new Binding(campaign.getVersion(),
                SendFingerprint.of(content(campaign), campaign, audiences.source(campaign), when));
    }

    /**
     * The template content delivery renders: the copy frozen when the campaign was
     * confirmed.
     */
    @Transactional(readOnly = true)
    public TemplateContent sendContent(long campaignId) {
        return content(entity(campaignId));
    }

    /**
     * Called by delivery before the first recipient: when what would be sent differs from
     * what was confirmed, the campaign goes back to draft (to be confirmed, or approved,
     * again) and nothing is sent. Returns why, or empty.
     */
    @Transactional
    public Optional<String> checkBeforeSending(long campaignId) {
        Campaign campaign = entity(campaignId);
        if (campaign.getSendHash() == null) {
            return Optional.empty(); // scheduled before LUX bound confirmations (V64
                                     // froze its template as it was)
        }
        String now = SendFingerprint.of(content(campaign), campaign, audiences.source(campaign),
                CampaignService.when(campaign.getScheduledAt()));
        if (now.equals(campaign.getSendHash())) {
            return Optional.empty();
        }
        String reason = "\"" + campaign.getName()
                + "\" changed after it was confirmed (content, audience, sender or time differ "
                + "from what was confirmed); nothing was sent. It is a draft again: check it and schedule it again.";
        Instant at = clock.instant();
        CampaignStatus from = campaign.transitionTo(CampaignStatus.DRAFT, at);
        campaign.unpin();
        audit.record(Actor.scheduler(), "campaign.confirmation.withdraw", "campaign", campaignId, reason);
        events.publishEvent(new CampaignEvent.StatusChanged(campaignId, campaign.getName(), from, CampaignStatus.DRAFT,
                Actor.scheduler(), at));
        events.publishEvent(
                new CampaignEvent.SentBack(campaignId, campaign.getName(), campaign.getCreatedBy(), reason, at));
        return Optional.of(reason);
    }

    /**
     * A template was edited: drafts using it that someone is deciding on (a Confirm card,
     * an approval request) no longer show what would be sent, so those decisions are
     * withdrawn. Confirmed campaigns keep their copy and are untouched.
     */
    @EventListener
    void onTemplateChanged(TemplateChanged changed) {
        String what = "its template \"" + changed.name() + "\" was edited by " + changed.actor().name();
        for (Campaign campaign : campaigns.findByTemplateIdAndStatus(changed.templateId(), CampaignStatus.DRAFT)) {
            approvals.withdraw(campaign, what, changed.actor());
            events.publishEvent(new CampaignEvent.Edited(campaign.getId(), campaign.getName(), what, changed.actor(),
                    clock.instant()));
        }
    }

    private TemplateContent content(Campaign campaign) {
        TemplateContent pinned = campaign.pinned();
        if (pinned == null) {
            return templates.content(campaign.getTemplateId());
        }
        // named after its template, so a render error says which one (the copy itself
        // keeps no name)
        return new TemplateContent(templates.name(campaign.getTemplateId()).orElse(null), pinned.subject(),
                pinned.htmlBody(), pinned.textBody());
    }

    private Campaign entity(long id) {
        return campaigns.findById(id).orElseThrow(() -> new NotFoundException("Campaign", id));
    }

}
