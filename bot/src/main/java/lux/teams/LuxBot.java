package lux.teams;

import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** Routes each activity to a small handler; nothing else happens here. */
@Component
class LuxBot implements Bot {

    private final MessageHandler messages;

    private final WelcomeHandler welcome;

    LuxBot(MessageHandler messages, WelcomeHandler welcome) {
        this.messages = messages;
        this.welcome = welcome;
    }

    @Override
    public CompletableFuture<Void> onTurn(TurnContext turn) {
        Activity activity = turn.getActivity();
        String type = activity.getType();
        if (ActivityTypes.MESSAGE.equals(type)) {
            messages.handle(turn);
        }
        else if (ActivityTypes.CONVERSATION_UPDATE.equals(type) || ActivityTypes.INSTALLATION_UPDATE.equals(type)) {
            welcome.handle(turn);
        }
        return CompletableFuture.completedFuture(null);
    }

}
