package lux.teams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ConversationResourceResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A user's 1:1 chat with LUX. Contact lists, stats and import results are for the person
 * who asked, not for everyone in a team channel or group chat: they go to the user's
 * personal chat, the one they last used or, if there is none yet, a new one LUX opens
 * through the Bot Connector ({@code POST /v3/conversations}).
 */
@Component
class PrivateChat {

    static final String ANSWERED = "I answered you in our personal chat: contact lists, stats and import results stay out of shared "
            + "conversations.";
    static final String ASK_PRIVATELY = "Contact lists, stats and import results stay out of shared conversations. Ask me in our "
            + "personal chat (open LUX from the Teams app bar).";

    private static final Logger log = LoggerFactory.getLogger(PrivateChat.class);

    private final BotFrameworkHttpAdapter adapter;

    private final BotSettings settings;

    private final ConversationStore conversations;

    private final TeamsSender sender;

    PrivateChat(BotFrameworkHttpAdapter adapter, BotSettings settings, ConversationStore conversations,
            TeamsSender sender) {
        this.adapter = adapter;
        this.settings = settings;
        this.conversations = conversations;
        this.sender = sender;
    }

    /** A team channel or group chat: everyone there reads LUX's answers. */
    static boolean shared(Activity activity) {
        ConversationAccount conversation = activity.getConversation();
        if (conversation == null) {
            return false;
        }
        String type = conversation.getConversationType();
        return conversation.isGroup() || "channel".equalsIgnoreCase(type) || "groupChat".equalsIgnoreCase(type);
    }

    /**
     * Runs {@code reply} in the sender's personal chat and says so where they asked; if
     * that fails, asks them to go there.
     */
    void answer(TurnContext turn, long userId, ZoneId zone, Consumer<TurnContext> reply) {
        Optional<ConversationStore.Stored> personal;
        try {
            personal = personal(userId, turn.getActivity().getConversationReference(), zone, turn);
        }
        catch (RuntimeException e) {
            log.warn("Could not open a personal chat with user {}: {}", userId, e.toString());
            personal = Optional.empty();
        }
        if (personal.isEmpty()) {
            sender.send(turn, Replies.text(ASK_PRIVATELY));
            return;
        }
        continueWith(personal.get().reference(), t -> {
            sender.shareDeadline(turn, t); // one deadline for everything this turn sends,
                                           // wherever it goes
            reply.accept(t);
            return null;
        });
        sender.send(turn, Replies.text(ANSWERED));
    }

    /**
     * The user's latest personal chat; else one opened from where they last spoke. Empty
     * when LUX knows no way to them.
     */
    Optional<ConversationStore.Stored> personal(long userId) {
        Optional<ConversationStore.Stored> known = conversations.latestPersonalReference(userId);
        if (known.isPresent()) {
            return known;
        }
        try {
            return conversations.latestReference(userId)
                .flatMap(any -> personal(userId, any.reference(), any.zone(), null));
        }
        catch (RuntimeException e) {
            log.warn("Could not open a personal chat with user {}: {}", userId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * {@code during}: the turn this is done for (its connector deadline applies), or null
     * for a proactive message.
     */
    private Optional<ConversationStore.Stored> personal(long userId, ConversationReference from, ZoneId zone,
            TurnContext during) {
        Optional<ConversationStore.Stored> known = conversations.latestPersonalReference(userId);
        if (known.isPresent()) {
            return known;
        }
        if (!"personal".equals(ConversationStore.type(from)) || from.getConversation() == null) {
            ConversationReference opened = open(from, during);
            if (opened == null) {
                return Optional.empty();
            }
            conversations.saveReference(userId, opened, zone);
            return Optional.of(new ConversationStore.Stored(opened, zone));
        }
        return Optional.of(new ConversationStore.Stored(from, zone));
    }

    /**
     * Opens a 1:1 conversation with the reference's user on its Bot Connector; null when
     * the user is unknown.
     */
    private ConversationReference open(ConversationReference from, TurnContext during) {
        if (from.getUser() == null || from.getUser().getId() == null) {
            return null;
        }
        String tenant = from.getConversation() == null ? null : from.getConversation().getTenantId();
        ConversationParameters parameters = new ConversationParameters();
        parameters.setIsGroup(false);
        parameters.setBot(from.getBot());
        parameters.setMembers(List.of(new ChannelAccount(from.getUser().getId())));
        if (tenant != null) {
            parameters.setTenantId(tenant);
            ObjectNode channelData = JsonNodeFactory.instance.objectNode();
            channelData.putObject("tenant").put("id", tenant);
            parameters.setChannelData(channelData);
        }
        ConversationResourceResponse created = continueWith(from, turn -> {
            if (during != null) {
                sender.shareDeadline(during, turn);
            }
            ConnectorClient client = turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
            return sender.withRetry(turn, () -> client.getConversations().createConversation(parameters));
        });
        if (created == null || created.getId() == null || created.getId().isBlank()) {
            return null;
        }
        ConversationAccount conversation = new ConversationAccount(false, created.getId(), null);
        conversation.setConversationType(ConversationStore.PERSONAL);
        conversation.setTenantId(tenant);
        ConversationReference personal = new ConversationReference();
        personal.setBot(from.getBot());
        personal.setUser(from.getUser());
        personal.setChannelId(from.getChannelId());
        personal.setServiceUrl(from.getServiceUrl());
        personal.setLocale(from.getLocale());
        personal.setConversation(conversation);
        log.info("Opened a personal chat {} with a Teams user", created.getId());
        return personal;
    }

    private <T> T continueWith(ConversationReference reference, java.util.function.Function<TurnContext, T> action) {
        Object[] result = new Object[1];
        adapter.continueConversation(settings.appId(), reference, turn -> {
            result[0] = action.apply(turn);
            return CompletableFuture.completedFuture(null);
        }).join();
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

}
