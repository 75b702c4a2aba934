package lux.campaigns;

import lux.contacts.AudienceFilter;

/**
 * A campaign to create: a template sent from a mailbox (null = the configured default) to
 * an audience: a saved segment when {@code segmentId} is given, otherwise the tags of
 * {@code audience}.
 */
public record NewCampaign(String name, long templateId, String sender, AudienceFilter audience, Long segmentId) {
    public NewCampaign(String name, long templateId, String sender, AudienceFilter audience) {
        this(name, templateId, sender, audience, null);
    }
}
