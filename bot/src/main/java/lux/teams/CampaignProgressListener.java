package lux.teams;

import com.microsoft.bot.schema.ResourceResponse;
import java.util.Locale;
import java.util.function.Function;
import lux.agent.TeamsMessages;
import lux.audit.Channel;
import lux.campaigns.CampaignEvent;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.delivery.DeliveryEvent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One progress card per campaign in its owner's personal chat: posted when sending
 * starts, then updated in place (at most every
 * {@code lux.teams.progress-update-interval}, across all instances) until it finishes,
 * fails, is paused or cancelled. Runs before {@link CampaignOutcomeListener}, so the card
 * is final before the message.
 */
@Component
class CampaignProgressListener {

    static final int ORDER = 0;

    private final TeamsMessenger messenger;

    private final CampaignOwnerChat owners;

    private final ShownCards shown;

    private final ProgressCards cards;

    private final CampaignService campaigns;

    private final TeamsProperties properties;

    private final TeamsMessages messages;

    CampaignProgressListener(TeamsMessenger messenger, CampaignOwnerChat owners, ShownCards shown, ProgressCards cards,
            CampaignService campaigns, TeamsProperties properties, TeamsMessages messages) {
        this.messages = messages;
        this.messenger = messenger;
        this.owners = owners;
        this.shown = shown;
        this.cards = cards;
        this.campaigns = campaigns;
        this.properties = properties;
    }

    @Order(ORDER)
    @TransactionalEventListener(fallbackExecution = true)
    void onStatusChanged(CampaignEvent.StatusChanged event) {
        messenger.submit(() -> statusChanged(event), false);
    }

    @Order(ORDER)
    @TransactionalEventListener(fallbackExecution = true)
    void onDelivery(DeliveryEvent event) {
        messenger.submit(() -> delivery(event), event instanceof DeliveryEvent.Progress);
    }

    private void statusChanged(CampaignEvent.StatusChanged e) {
        CampaignView c = campaigns.get(e.campaignId());
        boolean byLux = e.actor().channel() == Channel.SCHEDULER || e.actor().channel() == Channel.SYSTEM;
        switch (e.to()) {
            case SENDING -> postOrUpdate(c, ProgressCards.Progress.of(c, CampaignStatus.SENDING, null, null, true));
            case SENT, FAILED -> {
                c = campaigns.refreshCounters(c.id());
                update(c.id(), ProgressCards.Progress.of(c, e.to(), null, null, false));
            }
            case PAUSED -> update(c.id(), ProgressCards.Progress.of(c, CampaignStatus.PAUSED, null, null, false),
                    locale -> byLux ? messages.text(locale, "card.progress.pausedByLux")
                            : messages.text(locale, "card.progress.pausedBy", e.actor().name()));
            case CANCELLED -> update(c.id(), ProgressCards.Progress.of(c, CampaignStatus.CANCELLED, null, null, false));
            default -> {
                // scheduled / back to draft: the bot already answered the person who did
                // it
            }
        }
    }

    private void delivery(DeliveryEvent e) {
        CampaignView c = campaigns.get(e.campaignId());
        if (e instanceof DeliveryEvent.Started s) {
            postOrUpdate(c, new ProgressCards.Progress(c.id(), c.name(), CampaignStatus.SENDING, s.recipients(), 0, 0,
                    0, s.estimatedFinish(), null, true));
        }
        else if (e instanceof DeliveryEvent.Progress p) {
            // another instance's batch may report after sending ended there: it must not
            // turn a final card back
            if (c.status() == CampaignStatus.SENDING
                    && shown.claimProgressUpdate(c.id(), properties.progressUpdateInterval())) {
                update(c.id(), new ProgressCards.Progress(c.id(), c.name(), CampaignStatus.SENDING, p.total(), p.sent(),
                        p.failed(), p.skipped(), p.estimatedFinish(), null, true));
            }
        }
        else if (e instanceof DeliveryEvent.Finished f) {
            shown.progressFinished(c.id());
            update(c.id(), new ProgressCards.Progress(c.id(), c.name(), f.status(), f.sent() + f.failed() + f.skipped(),
                    f.sent(), f.failed(), f.skipped(), null, null, false));
        }
        else if (e instanceof DeliveryEvent.Paused p) {
            update(c.id(), ProgressCards.Progress.of(c, CampaignStatus.PAUSED, null, p.reason(), false));
        }
    }

    private void postOrUpdate(CampaignView c, ProgressCards.Progress progress) {
        if (shown.progressCards(c.id()).isEmpty()) {
            owners.of(c.id()).ifPresent(chat -> {
                ResourceResponse sent = messenger.post(chat,
                        Replies.card(cards.progress(progress, chat.zone(), chat.locale())));
                if (sent != null && sent.getId() != null) {
                    shown.saveProgressCard(c.id(), chat.reference().getConversation().getId(), sent.getId());
                }
            });
        }
        else {
            update(c.id(), progress);
        }
    }

    private void update(long campaignId, ProgressCards.Progress progress) {
        update(campaignId, progress, locale -> progress.note());
    }

    /** With a note said in each chat's language. */
    private void update(long campaignId, ProgressCards.Progress progress, Function<Locale, String> note) {
        for (ShownCards.Shown card : shown.progressCards(campaignId)) {
            messenger.conversation(card.conversationId())
                .ifPresent(chat -> messenger.update(chat, card.activityId(), Replies
                    .card(cards.progress(progress.withNote(note.apply(chat.locale())), chat.zone(), chat.locale()))));
        }
    }

}
