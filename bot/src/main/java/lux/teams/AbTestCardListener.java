package lux.teams;

import com.microsoft.bot.schema.ResourceResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import lux.abtests.AbTestEvent;
import lux.abtests.AbTestService;
import lux.abtests.AbTestView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One A/B test card per test in its owner's personal chat: posted with the first results,
 * then updated in place as results come in, when a choice is wanted (with a button per
 * variant) and when the winner is decided. Where it was posted lives in the database
 * (teams_ab_test_card), so any instance updates it; the results job publishes each change
 * once across instances.
 */
@Component
class AbTestCardListener {

    private final TeamsMessenger messenger;

    private final CampaignOwnerChat owners;

    private final AbTestCards cards;

    private final AbTestService abTests;

    private final JdbcTemplate jdbc;

    AbTestCardListener(TeamsMessenger messenger, CampaignOwnerChat owners, AbTestCards cards, AbTestService abTests,
            JdbcTemplate jdbc) {
        this.messenger = messenger;
        this.owners = owners;
        this.cards = cards;
        this.abTests = abTests;
        this.jdbc = jdbc;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AbTestEvent event) {
        messenger.submit(() -> show(event.campaignId()), event instanceof AbTestEvent.ResultsChanged);
    }

    private void show(long campaignId) {
        AbTestView test = abTests.view(campaignId);
        List<String[]> shown = jdbc.query(
                "SELECT conversation_id, activity_id FROM teams_ab_test_card WHERE campaign_id = ?",
                (rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, campaignId);
        if (shown.isEmpty()) {
            owners.of(campaignId).ifPresent(chat -> {
                ResourceResponse sent = messenger.post(chat,
                        Replies.card(cards.card(test, chat.zone(), chat.locale())));
                if (sent != null && sent.getId() != null) {
                    jdbc.update(
                            "INSERT INTO teams_ab_test_card (campaign_id, conversation_id, activity_id, updated_at) "
                                    + "VALUES (?, ?, ?, ?)",
                            campaignId, chat.reference().getConversation().getId(), sent.getId(),
                            OffsetDateTime.now(ZoneOffset.UTC));
                }
            });
            return;
        }
        for (String[] card : shown) {
            messenger.conversation(card[0])
                .ifPresent(chat -> messenger.update(chat, card[1],
                        Replies.card(cards.card(test, chat.zone(), chat.locale()))));
        }
    }

}
