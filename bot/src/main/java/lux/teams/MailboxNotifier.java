package lux.teams;

import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.inbound.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells a campaign's owner, in their personal chat, what came back from the mailboxes:
 * replies to the campaign, and why LUX paused it for bounces. After the change commits,
 * on its own background thread.
 */
@Component
class MailboxNotifier {

    private static final Logger log = LoggerFactory.getLogger(MailboxNotifier.class);

    private final BotFrameworkHttpAdapter adapter;

    private final BotSettings settings;

    private final PrivateChat privateChat;

    private final ServiceUrlPolicy serviceUrls;

    private final TeamsSender sender;

    private final MailboxCards cards;

    private final NotificationQueue queue;

    MailboxNotifier(BotFrameworkHttpAdapter adapter, BotSettings settings, PrivateChat privateChat,
            ServiceUrlPolicy serviceUrls, TeamsSender sender, MailboxCards cards, TeamsProperties properties) {
        this.adapter = adapter;
        this.settings = settings;
        this.privateChat = privateChat;
        this.serviceUrls = serviceUrls;
        this.sender = sender;
        this.cards = cards;
        this.queue = new NotificationQueue(properties.notifyQueue(), "lux-teams-mailbox");
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onInbound(InboundEvent event) {
        Long owner = event.ownerId();
        if (owner != null) {
            queue.offer(() -> tell(owner, event), false);
        }
    }

    private void tell(long owner, InboundEvent event) {
        privateChat.personal(owner)
            .filter(stored -> serviceUrls.allowed(stored.reference().getServiceUrl()))
            .ifPresentOrElse(stored -> adapter.continueConversation(settings.appId(), stored.reference(), turn -> {
                Card card = event instanceof InboundEvent.RepliesReceived r ? cards.replies(r, stored.locale())
                        : cards.pausedForBounces((InboundEvent.PausedForBounces) event, stored.locale());
                sender.send(turn, Replies.card(card));
                return CompletableFuture.completedFuture(null);
            }).join(), () -> log.info("No Teams conversation known for the owner of campaign {}; nothing posted",
                    event.campaignId()));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        queue.stop(5, TimeUnit.SECONDS);
    }

}
