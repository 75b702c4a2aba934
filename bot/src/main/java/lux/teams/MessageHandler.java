package lux.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import java.time.ZoneId;
import java.util.Locale;
import lux.agent.AgentReply;
import lux.agent.LuxAgent;
import lux.agent.TeamsMessages;
import lux.agent.TurnRequest;
import lux.shared.LuxException;
import lux.users.LinkCodeService;
import org.springframework.stereotype.Component;

/**
 * A message: who is it (identity and access), a file, a card button, or text for the
 * agent. Every action runs as the LUX user behind the Teams sender and is audited to
 * them.
 */
@Component
class MessageHandler {

    private final TeamsIdentity identity;

    private final LinkCodeService linkCodes;

    private final ConversationStore conversations;

    private final AttachmentHandler attachments;

    private final CardActionHandler cardActions;

    private final LuxAgent agent;

    private final ReplyWriter writer;

    private final TeamsSender sender;

    private final TeamsMessages messages;

    MessageHandler(TeamsIdentity identity, LinkCodeService linkCodes, ConversationStore conversations,
            AttachmentHandler attachments, CardActionHandler cardActions, LuxAgent agent, ReplyWriter writer,
            TeamsSender sender, TeamsMessages messages) {
        this.messages = messages;
        this.identity = identity;
        this.linkCodes = linkCodes;
        this.conversations = conversations;
        this.attachments = attachments;
        this.cardActions = cardActions;
        this.agent = agent;
        this.writer = writer;
        this.sender = sender;
    }

    void handle(TurnContext turn) {
        Activity activity = turn.getActivity();
        TeamsIdentity.Who who = identity.resolve(activity);
        Locale locale = TeamsMessages.locale(activity.getLocale());
        if (who instanceof TeamsIdentity.Unknown unknown) {
            strangers(turn, unknown, locale);
            return;
        }
        if (who instanceof TeamsIdentity.Disabled) {
            sender.send(turn, Replies.text(messages.text(locale, "bot.disabled")));
            return;
        }
        if (who instanceof TeamsIdentity.NoAdmin) {
            sender.send(turn, Replies.text(messages.text(locale, "bot.noAdmin")));
            return;
        }
        TeamsIdentity.Known user = (TeamsIdentity.Known) who;
        ZoneId zone = TimeZones.of(activity);
        conversations.saveReference(user.user().getId(), activity.getConversationReference(), zone);
        String conversationId = activity.getConversation().getId();

        boolean attached = attachments.handle(turn, user, conversationId);
        if (activity.getValue() != null) {
            cardActions.handle(turn, user, zone);
            return;
        }
        String text = text(activity);
        if (text.isEmpty()) {
            if (!attached) {
                sender.send(turn, Replies.card(writer.card(new lux.agent.AgentOutput.Help(), zone, locale)));
            }
            return;
        }
        reply(turn, user, zone, conversationId, text);
    }

    void reply(TurnContext turn, TeamsIdentity.Known user, ZoneId zone, String conversationId, String text) {
        if (agent.modelEnabled()) {
            sender.send(turn, com.microsoft.bot.schema.Activity.createTypingActivity());
        }
        TurnRequest request = new TurnRequest(user.actor(), conversationId, text, zone,
                conversations.lastUpload(conversationId, user.user().getId()).orElse(null),
                TurnRequest.localeOf(turn.getActivity().getLocale()));
        AgentReply reply;
        try {
            reply = agent.reply(request);
        }
        catch (LuxException e) {
            reply = AgentReply.text(e.getMessage());
        }
        writer.write(turn, reply, zone);
    }

    private void strangers(TurnContext turn, TeamsIdentity.Unknown unknown, Locale locale) {
        String text = text(turn.getActivity());
        if (LinkCodeService.looksLikeCode(text) && unknown.aadObjectId() != null) {
            try {
                var user = linkCodes.redeem(text, unknown.aadObjectId());
                conversations.saveReference(user.getId(), turn.getActivity().getConversationReference(),
                        TimeZones.of(turn.getActivity()));
                sender.send(turn,
                        Replies.text(messages.text(locale, "bot.linked", user.getDisplayName(), user.getEmail())));
            }
            catch (LuxException e) {
                sender.send(turn, Replies.text(e.getMessage()));
            }
            return;
        }
        sender.send(turn, Replies.text(messages.text(locale, "bot.stranger") + (unknown.aadObjectId() == null ? ""
                : " " + messages.text(locale, "bot.stranger.id", unknown.aadObjectId()))));
    }

    /** The message text without the bot's @mention (channels), trimmed. */
    static String text(Activity activity) {
        String text = activity.getText();
        if (text == null) {
            return "";
        }
        if (activity.getRecipient() != null && activity.getMentions() != null && !activity.getMentions().isEmpty()) {
            text = Activity.removeRecipientMentionImmutable(activity);
        }
        return text == null ? "" : text.replaceAll("<at>[^<]*</at>", "").strip();
    }

}
