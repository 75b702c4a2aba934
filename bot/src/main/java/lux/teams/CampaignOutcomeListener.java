package lux.teams;

import lux.audit.Channel;
import lux.campaigns.CampaignEvent;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the campaign's owner in their personal chat (never a channel) when sending has
 * finished or failed, and when LUX itself paused it, with what to do next.
 */
@Component
class CampaignOutcomeListener {

    private final TeamsMessenger messenger;

    private final CampaignOwnerChat owners;

    private final CampaignService campaigns;

    CampaignOutcomeListener(TeamsMessenger messenger, CampaignOwnerChat owners, CampaignService campaigns) {
        this.messenger = messenger;
        this.owners = owners;
        this.campaigns = campaigns;
    }

    @Order(CampaignProgressListener.ORDER + 1)
    @TransactionalEventListener(fallbackExecution = true)
    void onStatusChanged(CampaignEvent.StatusChanged event) {
        if (event.to() == CampaignStatus.SENT || event.to() == CampaignStatus.FAILED
                || event.to() == CampaignStatus.PAUSED) {
            messenger.submit(() -> statusChanged(event), false);
        }
    }

    private void statusChanged(CampaignEvent.StatusChanged e) {
        if (e.to() == CampaignStatus.PAUSED) {
            boolean byLux = e.actor().channel() == Channel.SCHEDULER || e.actor().channel() == Channel.SYSTEM;
            if (byLux) {
                CampaignView c = campaigns.get(e.campaignId());
                tell(c, "LUX paused \"" + c.name() + "\" (" + c.sentCount() + " sent so far). Type resume " + c.name()
                        + " when the problem is fixed.");
            }
            return;
        }
        CampaignView c = campaigns.refreshCounters(e.campaignId());
        tell(c, e.to() == CampaignStatus.SENT
                ? "\"" + c.name() + "\" has finished sending: " + c.sentCount() + " sent, " + c.failedCount()
                        + " failed, " + c.skippedCount() + " skipped. Type stats " + c.name() + " for opens and clicks."
                : "\"" + c.name() + "\" failed after " + c.sentCount() + " sent and " + c.failedCount()
                        + " failed. Check the mail settings in the console, then schedule it again.");
    }

    private void tell(CampaignView c, String text) {
        owners.of(c.id()).ifPresent(chat -> messenger.post(chat, Replies.text(text)));
    }

}
