package lux.teams;

import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignEvent;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.SendApprovalService;
import lux.users.User;
import lux.users.UserService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Send approvals in Teams: who may approve hears of a request, the requester hears the
 * decision.
 */
@Component
class ApprovalListener {

    private final TeamsMessenger messenger;

    private final CampaignService campaigns;

    private final UserService users;

    private final SendApprovalService approvals;

    ApprovalListener(TeamsMessenger messenger, CampaignService campaigns, UserService users,
            SendApprovalService approvals) {
        this.messenger = messenger;
        this.campaigns = campaigns;
        this.users = users;
        this.approvals = approvals;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onApprovalRequested(CampaignEvent.ApprovalRequested event) {
        messenger.submit(() -> approvalRequested(event), false);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onApprovalDecided(CampaignEvent.ApprovalDecided event) {
        messenger.submit(() -> approvalDecided(event), false);
    }

    /**
     * Everyone who may approve (enabled, not the requester, admins only if so configured)
     * and has talked to LUX.
     */
    private void approvalRequested(CampaignEvent.ApprovalRequested e) {
        CampaignView c = campaigns.get(e.campaignId());
        for (User user : users.list()) {
            if (approvals.whyNot(c, new Actor(user.getId(), user.getEmail(), Channel.TEAMS)).isPresent()) {
                continue;
            }
            messenger.personalChat(user.getId())
                .ifPresent(chat -> messenger.post(chat,
                        Replies.text(e.requester().name() + " asks for approval to send \"" + c.name() + "\" to about "
                                + e.audience() + " recipients on " + CardFactory.when(e.scheduledFor(), chat.zone())
                                + " from " + (c.sender() == null ? "the default sender" : c.sender())
                                + ". Type approve " + c.name() + " to review and confirm it, or reject " + c.name()
                                + " because <reason>.")));
        }
    }

    /**
     * The requester hears the decision, unless they made it themselves (withdrawing their
     * own request).
     */
    private void approvalDecided(CampaignEvent.ApprovalDecided e) {
        if (e.requesterId() == null || e.requesterId().equals(e.decider().userId())) {
            return;
        }
        CampaignView c = campaigns.get(e.campaignId());
        messenger.personalChat(e.requesterId()).ifPresent(chat -> {
            String text = switch (e.outcome()) {
                case APPROVED -> e.decider().name() + " approved \"" + c.name() + "\": it is scheduled for "
                        + CardFactory.when(c.scheduledAt(), chat.zone()) + ".";
                case REJECTED -> e.decider().name() + " rejected \"" + c.name() + "\""
                        + (e.note() == null ? "." : ": " + sentence(e.note()))
                        + " It is a draft again; change it and schedule it to ask again.";
                default -> "Your approval request for \"" + c.name() + "\" was withdrawn (" + e.note() + ").";
            };
            messenger.post(chat, Replies.text(text));
        });
    }

    private static String sentence(String text) {
        return text.matches("(?s).*[.!?]$") ? text : text + ".";
    }

}
