package lux.teams;

import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lux.agent.tools.ConfirmationWithdrawn;
import lux.campaigns.CampaignEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Says in Teams when what someone confirmed no longer stands: a Confirm card withdrawn
 * because the campaign changed after it was made, or a scheduled campaign delivery sent
 * back to draft because it differed from what was confirmed.
 */
@Component
class ChangeNotifier {

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifier.class);

    private final BotFrameworkHttpAdapter adapter;

    private final BotSettings settings;

    private final ConversationStore conversations;

    private final TeamsSender sender;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lux-teams-change-notify");
        t.setDaemon(true);
        return t;
    });

    ChangeNotifier(BotFrameworkHttpAdapter adapter, BotSettings settings, ConversationStore conversations,
            TeamsSender sender) {
        this.adapter = adapter;
        this.settings = settings;
        this.conversations = conversations;
        this.sender = sender;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onWithdrawn(ConfirmationWithdrawn e) {
        tell(e.userId(), "Campaign \"" + e.campaignName() + "\" changed after LUX showed you its confirmation card ("
                + e.what()
                + "), so that card no longer works and nothing was done. Ask again to see it as it is now and confirm again.");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onSentBack(CampaignEvent.SentBack e) {
        if (e.ownerId() != null) {
            tell(e.ownerId(), e.reason());
        }
    }

    private void tell(long userId, String text) {
        executor.submit(() -> {
            try {
                conversations.latestReference(userId)
                    .filter(stored -> !settings.localMode()
                            || Loopback.isLoopbackUrl(stored.reference().getServiceUrl()))
                    .ifPresent(stored -> adapter.continueConversation(settings.appId(), stored.reference(), turn -> {
                        sender.send(turn, Replies.text(text));
                        return CompletableFuture.completedFuture(null);
                    }).join());
            }
            catch (RuntimeException ex) {
                log.warn("Could not tell user {} in Teams that a confirmation was withdrawn: {}", userId,
                        ex.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

}
