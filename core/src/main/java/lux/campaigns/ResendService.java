package lux.campaigns;

import java.time.Clock;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Resends to non-openers: a new draft campaign linked to the original whose audience is,
 * at send time, the original's recipients without a human open (optionally without a
 * click), minus anyone unsubscribed, bounced or suppressed since. It sends exactly what
 * the original sent, under a new subject if one is given (a copy of the template is made
 * for it).
 */
@Service
public class ResendService {

    static final int MAX_SUBJECT = 998;

    private final CampaignRepository campaigns;

    private final CampaignService campaignService;

    private final ConfirmedSends confirmed;

    private final TemplateService templates;

    private final AuditService audit;

    private final Clock clock;

    ResendService(CampaignRepository campaigns, CampaignService campaignService, ConfirmedSends confirmed,
            TemplateService templates, AuditService audit, Clock clock) {
        this.campaigns = campaigns;
        this.campaignService = campaignService;
        this.confirmed = confirmed;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates the linked draft (and schedules it when {@code request.sendAt()} is given).
     */
    @Transactional
    public CampaignView resendToNonOpeners(long originalId, Resend request, Actor actor) {
        CampaignView original = campaignService.get(originalId);
        if (campaignService.recipientCounts(originalId).get(RecipientStatus.SENT) == 0) {
            throw new ConflictException(
                    "Campaign \"" + original.name() + "\" has not sent to anyone yet, so nobody can have "
                            + "missed it. Resend it once it has been sent.");
        }
        String subject = request.subject() == null || request.subject().isBlank() ? null : request.subject().strip();
        if (subject != null && subject.length() > MAX_SUBJECT) {
            throw new InvalidInputException("subject", "The subject is longer than " + MAX_SUBJECT + " characters.");
        }
        long templateId = subject == null ? original.templateId() : copyWithSubject(original, subject, actor);
        String name = limited(original.name() + " (resend to non-openers)");
        CampaignView draft = campaignService.create(new NewCampaign(name, templateId, original.sender(), null), actor);
        Campaign campaign = campaigns.findById(draft.id()).orElseThrow();
        campaign.resendOf(originalId, request.excludeClickers());
        campaigns.saveAndFlush(campaign);
        audit.record(actor, "campaign.resend", "campaign", draft.id(),
                "non-openers of campaign " + originalId + (request.excludeClickers() ? ", clickers left out" : "")
                        + (subject == null ? "" : ", subject \"" + subject + "\""));
        if (request.sendAt() != null) {
            return campaignService.schedule(draft.id(), request.sendAt(), request.zone(), actor);
        }
        return CampaignView.of(campaign);
    }

    /**
     * What the original sent, under the new subject, as a template of its own (names are
     * unique: numbered if taken).
     */
    private long copyWithSubject(CampaignView original, String subject, Actor actor) {
        TemplateContent sent = confirmed.sendContent(original.id());
        String base = limited(original.name() + " - resend " + clock.instant().toString().substring(0, 10));
        java.util.Set<String> taken = new java.util.HashSet<>();
        templates.list().forEach(t -> taken.add(t.name().toLowerCase(java.util.Locale.ROOT)));
        String name = base;
        for (int n = 2; taken.contains(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            name = base + " #" + n;
        }
        return templates.create(new TemplateContent(name, subject, sent.htmlBody(), sent.textBody()), actor).id();
    }

    private static String limited(String name) {
        return name.length() <= CampaignService.MAX_NAME - 4 ? name : name.substring(0, CampaignService.MAX_NAME - 4);
    }

}
