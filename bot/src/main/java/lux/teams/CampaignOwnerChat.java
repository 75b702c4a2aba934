package lux.teams;

import java.util.Optional;
import lux.campaigns.CampaignService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The campaign creator's personal chat: progress and counts are theirs, not a channel's.
 */
@Component
class CampaignOwnerChat {

    private static final Logger log = LoggerFactory.getLogger(CampaignOwnerChat.class);

    private final CampaignService campaigns;

    private final TeamsMessenger messenger;

    CampaignOwnerChat(CampaignService campaigns, TeamsMessenger messenger) {
        this.campaigns = campaigns;
        this.messenger = messenger;
    }

    /**
     * Empty when the owner never talked to LUX or their serviceUrl is no longer allowed.
     */
    Optional<ConversationStore.Stored> of(long campaignId) {
        Optional<ConversationStore.Stored> chat = campaigns.owner(campaignId).flatMap(messenger::personalChat);
        if (chat.isEmpty()) {
            log.info("No Teams conversation known for the owner of campaign {}; nothing posted", campaignId);
        }
        return chat;
    }

}
