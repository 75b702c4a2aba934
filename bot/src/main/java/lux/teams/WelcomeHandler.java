package lux.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import lux.agent.LuxAgent;
import org.springframework.stereotype.Component;

/**
 * Greets when LUX is installed or a user joins: what LUX does, with buttons to start.
 * Once per conversation: Teams and the Agents Playground announce one install with a
 * conversationUpdate and an installationUpdate.
 */
@Component
class WelcomeHandler {

    private final CardFactory cards;

    private final TeamsSender sender;

    private final LuxAgent agent;

    private final TeamsIdentity identity;

    private final ConversationStore conversations;

    private final Welcomes welcomes;

    WelcomeHandler(CardFactory cards, TeamsSender sender, LuxAgent agent, TeamsIdentity identity,
            ConversationStore conversations, Welcomes welcomes) {
        this.welcomes = welcomes;
        this.cards = cards;
        this.sender = sender;
        this.agent = agent;
        this.identity = identity;
        this.conversations = conversations;
    }

    void handle(TurnContext turn) {
        Activity activity = turn.getActivity();
        boolean greet;
        if (ActivityTypes.INSTALLATION_UPDATE.equals(activity.getType())) {
            greet = activity.getAction() == null || activity.getAction().startsWith("add");
        }
        else {
            String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
            greet = activity.getMembersAdded() != null && activity.getMembersAdded()
                .stream()
                .map(ChannelAccount::getId)
                .anyMatch(id -> id != null && !id.equals(botId));
        }
        if (!greet) {
            return;
        }
        if (identity.resolve(activity) instanceof TeamsIdentity.Known known) {
            conversations.saveReference(known.user().getId(), activity.getConversationReference(),
                    TimeZones.of(activity));
        }
        String conversationId = activity.getConversation() == null ? null : activity.getConversation().getId();
        if (conversationId == null || !welcomes.claim(conversationId)) {
            return;
        }
        try {
            sender.send(turn, Replies
                .card(cards.help(true, agent.modelEnabled(), lux.agent.TeamsMessages.locale(activity.getLocale()))));
        }
        catch (RuntimeException e) {
            welcomes.release(conversationId); // not greeted after all: the next install
                                              // event may try again
            throw e;
        }
    }

}
