package lux.campaigns;

import lux.contacts.AudienceFilter;

/**
 * Edits to a draft campaign; null leaves a field as it is. A {@code segmentId} makes that
 * segment the audience; new tags ({@code audience}) without a segment make the tags the
 * audience again.
 */
public record CampaignChanges(String name, Long templateId, String sender, AudienceFilter audience, Long segmentId) {
    public CampaignChanges(String name, Long templateId, String sender, AudienceFilter audience) {
        this(name, templateId, sender, audience, null);
    }
}
