package lux.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ResourceResponse;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Proactive messages for every notification listener: finds where to post (a user's
 * personal chat, or the conversation a card was shown in), checks the serviceUrl again,
 * and sends or updates an activity there through the Bot Connector. Work runs after the
 * change commits on one background thread ({@link NotificationQueue}), so messages keep
 * their order and never slow the sender.
 */
@Component
class TeamsMessenger {

    private static final Logger log = LoggerFactory.getLogger(TeamsMessenger.class);

    private final BotFrameworkHttpAdapter adapter;

    private final BotSettings settings;

    private final ConversationStore conversations;

    private final TeamsSender sender;

    private final ServiceUrlPolicy serviceUrls;

    private final PrivateChat privateChat;

    private final NotificationQueue queue;

    TeamsMessenger(BotFrameworkHttpAdapter adapter, BotSettings settings, ConversationStore conversations,
            TeamsSender sender, ServiceUrlPolicy serviceUrls, PrivateChat privateChat, TeamsProperties properties) {
        this.adapter = adapter;
        this.settings = settings;
        this.conversations = conversations;
        this.sender = sender;
        this.serviceUrls = serviceUrls;
        this.privateChat = privateChat;
        this.queue = new NotificationQueue(properties.notifyQueue(), "lux-teams-notify");
    }

    /**
     * Queues a message; a progress update gives way first when the queue is full (see
     * {@link NotificationQueue}).
     */
    void submit(Runnable task, boolean progressUpdate) {
        queue.offer(task, progressUpdate);
    }

    /** The user's personal chat with LUX (opened if need be), if LUX may post there. */
    Optional<ConversationStore.Stored> personalChat(long userId) {
        return privateChat.personal(userId).filter(this::allowed);
    }

    /**
     * A conversation LUX has a reference for (where a card was posted), if LUX may still
     * post there.
     */
    Optional<ConversationStore.Stored> conversation(String conversationId) {
        return conversations.reference(conversationId).filter(this::allowed);
    }

    /**
     * Posts a new activity; the answer carries its id (null when the connector gave
     * none).
     */
    ResourceResponse post(ConversationStore.Stored to, Activity activity) {
        return continueWith(to.reference(), turn -> sender.send(turn, activity));
    }

    /**
     * Replaces the activity {@code activityId} (a card shown earlier) with
     * {@code activity}.
     */
    void update(ConversationStore.Stored in, String activityId, Activity activity) {
        activity.setId(activityId);
        continueWith(in.reference(), turn -> sender.update(turn, activity));
    }

    /**
     * Stored references were checked when stored; the allow-list may have narrowed since,
     * so check again.
     */
    private boolean allowed(ConversationStore.Stored stored) {
        boolean allowed = serviceUrls.allowed(stored.reference().getServiceUrl());
        if (!allowed) {
            log.warn("Not posting to serviceUrl {}: {}", stored.reference().getServiceUrl(),
                    serviceUrls.refusal(stored.reference().getServiceUrl()));
        }
        return allowed;
    }

    private <T> T continueWith(ConversationReference reference, Function<TurnContext, T> action) {
        Object[] result = new Object[1];
        adapter.continueConversation(settings.appId(), reference, turn -> {
            result[0] = action.apply(turn);
            return CompletableFuture.completedFuture(null);
        }).join();
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        queue.stop(5, TimeUnit.SECONDS);
    }

}
