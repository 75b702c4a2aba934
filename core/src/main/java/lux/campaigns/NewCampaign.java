package lux.campaigns;

import lux.contacts.AudienceFilter;

/** A campaign to create: a template sent from a mailbox (null = the configured default) to an audience. */
public record NewCampaign(String name, long templateId, String sender, AudienceFilter audience) {
}
