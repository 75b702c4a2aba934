package lux.teams;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The campaign creator's personal chat: progress and counts are theirs, not a channel's. */
@Component
class CampaignOwnerChat {
    private static final Logger log = LoggerFactory.getLogger(CampaignOwnerChat.class);
    private final JdbcTemplate jdbc;
    private final TeamsMessenger messenger;

    CampaignOwnerChat(JdbcTemplate jdbc, TeamsMessenger messenger) {
        this.jdbc = jdbc;
        this.messenger = messenger;
    }

    /** Empty when the owner never talked to LUX or their serviceUrl is no longer allowed. */
    Optional<ConversationStore.Stored> of(long campaignId) {
        List<Long> owner = jdbc.queryForList("SELECT created_by FROM campaign WHERE id = ? AND created_by IS NOT NULL", Long.class, campaignId);
        Optional<ConversationStore.Stored> chat = owner.isEmpty() ? Optional.empty() : messenger.personalChat(owner.get(0));
        if (chat.isEmpty()) {
            log.info("No Teams conversation known for the owner of campaign {}; nothing posted", campaignId);
        }
        return chat;
    }
}
