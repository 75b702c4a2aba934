package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import lux.agent.AgentReply;
import lux.agent.LuxAgent;
import lux.agent.TurnRequest;
import lux.agent.tools.ConfirmationService;
import lux.campaigns.ApprovalState;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.shared.LuxException;
import org.springframework.stereotype.Component;

/**
 * Card buttons: Confirm/Cancel of the confirmation gate (the card is updated in place so
 * it cannot be pressed twice), command buttons and command-mode forms.
 */
@Component
class CardActionHandler {

    private final ConfirmationService confirmations;

    private final LuxAgent agent;

    private final ReplyWriter writer;

    private final CardFactory cards;

    private final TeamsSender sender;

    private final ConversationStore conversations;

    private final lux.agent.TeamsMessages messages;

    private final lux.agent.tools.ContactDeletions deletions;

    private final lux.agent.tools.JourneyConfirmations journeys;

    CardActionHandler(ConfirmationService confirmations, LuxAgent agent, ReplyWriter writer, CardFactory cards,
            TeamsSender sender, ConversationStore conversations, lux.agent.tools.ContactDeletions deletions,
            lux.agent.tools.JourneyConfirmations journeys, lux.agent.TeamsMessages messages) {
        this.journeys = journeys;
        this.deletions = deletions;
        this.messages = messages;
        this.confirmations = confirmations;
        this.agent = agent;
        this.writer = writer;
        this.cards = cards;
        this.sender = sender;
        this.conversations = conversations;
    }

    void handle(TurnContext turn, TeamsIdentity.Known user, ZoneId zone) {
        Activity activity = turn.getActivity();
        JsonNode value = Serialization.objectToTree(activity.getValue());
        java.util.Locale locale = lux.agent.TeamsMessages.locale(activity.getLocale());
        String action = value == null ? "" : value.path("action").asText("");
        String conversationId = activity.getConversation().getId();
        try {
            switch (action) {
                case "confirm" -> {
                    CampaignView campaign = confirmations.confirm(value.path("nonce").asText(null), user.actor());
                    String when = CardFactory.when(campaign.scheduledAt(), zone, locale);
                    boolean ended = campaign.status() == CampaignStatus.CANCELLED
                            || (campaign.approval() != null && campaign.approval().state() == ApprovalState.REJECTED);
                    String done = campaign.status() == CampaignStatus.CANCELLED
                            ? messages.text(locale, "card.done.cancelled", campaign.name())
                            : ended ? messages.text(locale, "card.done.rejected", campaign.name(), campaign.approval()
                                .requestedBy()) : campaign.awaitingApproval()
                                        ? messages.text(locale, "card.done.awaiting", campaign.name(), when)
                                        : campaign.status() == CampaignStatus.SENDING
                                                ? messages.text(locale, "card.done.sending", campaign.name())
                                                : messages.text(locale, "card.done.scheduled", campaign.name(), when);
                    replaceCard(turn, cards.confirmationDone(messages.text(locale, "card.confirm.done"),
                            messages.text(locale, "card.confirm.doneBy", done, user.user().getEmail()), locale));
                    sender.send(turn, Replies
                        .text(messages.text(locale, "card.done.reply", done) + (ended ? "" : " " + messages.text(locale,
                                campaign.awaitingApproval() ? "card.done.approversTold" : "card.done.willTell"))));
                }
                case "decline" -> {
                    CampaignView campaign = confirmations.decline(value.path("nonce").asText(null), user.actor());
                    replaceCard(turn, cards.confirmationDone(messages.text(locale, "card.confirm.notDone"),
                            messages.text(locale, "card.confirm.nothingDone", campaign.name()), locale));
                    sender.send(turn, Replies.text(messages.text(locale, "card.done.declined", campaign.name(),
                            messages.status(locale, campaign.status()))));
                }
                case "confirm-contacts" -> {
                    var deleted = deletions.confirm(value.path("nonce").asText(null), user.actor());
                    String done = messages.text(locale, "card.confirm.doneBy",
                            messages.text(locale, "card.done.contactsDeleted", deleted.contacts(), deleted.what()),
                            user.user().getEmail());
                    replaceCard(turn, cards.confirmationDone(messages.text(locale, "card.confirm.done"), done, locale));
                    sender.send(turn, Replies.text(messages.text(locale, "card.done.reply", done)));
                }
                case "decline-contacts" -> {
                    String what = deletions.decline(value.path("nonce").asText(null), user.actor());
                    replaceCard(turn, cards.confirmationDone(messages.text(locale, "card.confirm.notDone"),
                            messages.text(locale, "card.done.contactsKept", what), locale));
                    sender.send(turn, Replies.text(messages.text(locale, "card.done.contactsKeptReply")));
                }
                case "confirm-journey" -> {
                    var journey = journeys.confirm(value.path("nonce").asText(null), user.actor());
                    String done = messages.text(locale, "card.confirm.doneBy",
                            messages.text(locale, "card.done.journeyRunning", journey.name(),
                                    messages.phrase(locale, journey.trigger().phrase()), journey.steps().size()),
                            user.user().getEmail());
                    replaceCard(turn, cards.confirmationDone(messages.text(locale, "card.confirm.done"), done, locale));
                    sender.send(turn, Replies.text(messages.text(locale, "card.done.reply", done)));
                }
                case "decline-journey" -> {
                    String name = journeys.decline(value.path("nonce").asText(null), user.actor());
                    replaceCard(turn, cards.confirmationDone(messages.text(locale, "card.confirm.notDone"),
                            messages.text(locale, "card.done.journeyNotStarted", name), locale));
                    sender.send(turn, Replies.text(messages.text(locale, "card.done.journeyNotStartedReply")));
                }
                case "command" -> writer.write(turn,
                        agent.reply(request(turn, user, conversationId, value.path("text").asText(""), zone)), zone);
                case "form" -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    value.fields().forEachRemaining(f -> {
                        if (f.getValue().isValueNode()) {
                            fields.put(f.getKey(), f.getValue().asText());
                        }
                    });
                    AgentReply reply = agent.submitForm(request(turn, user, conversationId, "", zone),
                            lux.agent.FormKind.of(value.path("form").asText()).orElse(null), fields);
                    writer.write(turn, reply, zone);
                }
                default -> sender.send(turn, Replies.text(messages.text(locale, "bot.unknownButton")));
            }
        }
        catch (LuxException e) {
            sender.send(turn, Replies.text(e.getMessage()));
        }
    }

    private TurnRequest request(TurnContext turn, TeamsIdentity.Known user, String conversationId, String text,
            ZoneId zone) {
        return new TurnRequest(user.actor(), conversationId, text, zone,
                conversations.lastUpload(conversationId, user.user().getId()).orElse(null),
                TurnRequest.localeOf(turn.getActivity().getLocale()));
    }

    /**
     * Updates the card the button was on; if the channel gave no id, posts the new state
     * instead.
     */
    private void replaceCard(TurnContext turn, Card card) {
        Activity update = Replies.card(card);
        String replyTo = turn.getActivity().getReplyToId();
        if (replyTo == null || replyTo.isBlank()) {
            sender.send(turn, update);
            return;
        }
        update.setId(replyTo);
        sender.update(turn, update);
    }

}
