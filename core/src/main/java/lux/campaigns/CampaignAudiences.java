package lux.campaigns;

import lux.contacts.ContactService;
import lux.segments.SegmentDefinition;
import lux.segments.SegmentService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a campaign reaches, as one {@link SegmentDefinition}: the non-openers of the
 * campaign it resends, its saved segment, or its tags. Scheduling counts it, delivery
 * materialises it, cards describe it.
 */
@Component
public class CampaignAudiences {

    private final CampaignRepository campaigns;

    private final SegmentService segments;

    private final ContactService contacts;

    CampaignAudiences(CampaignRepository campaigns, SegmentService segments, ContactService contacts) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.contacts = contacts;
    }

    /**
     * The audience of campaign {@code campaignId} as it is at this moment (a segment's
     * latest definition).
     */
    @Transactional(readOnly = true)
    public SegmentDefinition definition(long campaignId) {
        return definition(entity(campaignId));
    }

    /** How many contacts campaign {@code campaignId} would reach now. */
    @Transactional(readOnly = true)
    public long count(long campaignId) {
        return count(entity(campaignId));
    }

    /** The audience in words, for cards and messages. */
    @Transactional(readOnly = true)
    public String describe(long campaignId) {
        return describe(entity(campaignId));
    }

    SegmentDefinition definition(Campaign campaign) {
        if (campaign.getResendOf() != null) {
            return SegmentDefinition.nonOpeners(campaign.getResendOf(), campaign.isResendExcludeClickers());
        }
        if (campaign.getSegmentId() != null) {
            return segments.definition(campaign.getSegmentId());
        }
        return SegmentDefinition.of(campaign.getAudience());
    }

    /**
     * What besides the tags decides the audience, for the send fingerprint: a segment's
     * current definition (an edit after confirmation is caught before sending) or the
     * resend's original; null for a tag audience.
     */
    String source(Campaign campaign) {
        if (campaign.getResendOf() != null) {
            return "resend:" + campaign.getResendOf() + (campaign.isResendExcludeClickers() ? ":without-clickers" : "");
        }
        return campaign.getSegmentId() == null ? null
                : "segment:" + campaign.getSegmentId() + ":" + segments.definition(campaign.getSegmentId());
    }

    long count(Campaign campaign) {
        if (campaign.getResendOf() == null && campaign.getSegmentId() == null) {
            return contacts.countAudience(campaign.getAudience());
        }
        return segments.count(definition(campaign));
    }

    String describe(Campaign campaign) {
        if (campaign.getResendOf() != null) {
            return "recipients of campaign " + campaign.getResendOf() + " who did not open it"
                    + (campaign.isResendExcludeClickers() ? " nor click in it" : "");
        }
        if (campaign.getSegmentId() != null) {
            return "segment \"" + segments.get(campaign.getSegmentId()).name() + "\"";
        }
        return campaign.getAudience().describe();
    }

    private Campaign entity(long id) {
        return campaigns.findById(id).orElseThrow(() -> new lux.shared.NotFoundException("Campaign", id));
    }

}
