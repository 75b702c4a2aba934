package lux.campaigns;

import lux.contacts.AudienceFilter;

/** Edits to a draft campaign; null leaves a field as it is. */
public record CampaignChanges(String name, Long templateId, String sender, AudienceFilter audience) {
}
