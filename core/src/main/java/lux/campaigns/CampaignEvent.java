package lux.campaigns;

import java.time.Instant;
import lux.audit.Actor;

/** Domain events of the campaign lifecycle, published after the change is made so other modules can react. */
public sealed interface CampaignEvent permits CampaignEvent.Created, CampaignEvent.StatusChanged {
    long campaignId();

    Instant at();

    record Created(long campaignId, String name, Actor actor, Instant at) implements CampaignEvent {
    }

    record StatusChanged(long campaignId, String name, CampaignStatus from, CampaignStatus to, Actor actor, Instant at)
            implements CampaignEvent {
    }
}
