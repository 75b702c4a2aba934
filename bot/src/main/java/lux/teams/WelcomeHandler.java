package lux.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ChannelAccount;
import lux.agent.LuxAgent;
import org.springframework.stereotype.Component;

/** Greets a user when LUX is installed or they join: what LUX does, with buttons to start. */
@Component
class WelcomeHandler {
    private final CardFactory cards;
    private final TeamsSender sender;
    private final LuxAgent agent;
    private final TeamsIdentity identity;
    private final ConversationStore conversations;

    WelcomeHandler(CardFactory cards, TeamsSender sender, LuxAgent agent, TeamsIdentity identity, ConversationStore conversations) {
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
        } else {
            String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
            greet = activity.getMembersAdded() != null && activity.getMembersAdded().stream()
                    .map(ChannelAccount::getId).anyMatch(id -> id != null && !id.equals(botId));
        }
        if (!greet) {
            return;
        }
        if (identity.resolve(activity) instanceof TeamsIdentity.Known known) {
            conversations.saveReference(known.user().getId(), activity.getConversationReference(), TimeZones.of(activity));
        }
        sender.send(turn, Replies.card(cards.help(true, agent.modelEnabled())));
    }
}
