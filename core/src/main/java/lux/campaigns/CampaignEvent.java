package lux.campaigns;

import java.time.Instant;
import lux.audit.Actor;

/**
 * Domain events of the campaign lifecycle, published after the change is made so other
 * modules can react.
 */
public sealed interface CampaignEvent permits CampaignEvent.Created, CampaignEvent.StatusChanged,
        CampaignEvent.ApprovalRequested, CampaignEvent.ApprovalDecided, CampaignEvent.Edited, CampaignEvent.SentBack {

    long campaignId();

    Instant at();

    record Created(long campaignId, String name, Actor actor, Instant at) implements CampaignEvent {
    }

    record StatusChanged(long campaignId, String name, CampaignStatus from, CampaignStatus to, Actor actor,
            Instant at) implements CampaignEvent {
    }

    /**
     * Scheduling asked a second person (send approval is on); {@code at} is the time
     * asked for.
     */
    record ApprovalRequested(long campaignId, String name, Actor requester, Instant scheduledFor, long audience,
            Instant at) implements CampaignEvent {
    }

    /**
     * Approved, rejected or withdrawn; {@code requesterId} is who asked (to tell them),
     * {@code note} the reason.
     */
    record ApprovalDecided(long campaignId, String name, ApprovalState outcome, Actor decider, Long requesterId,
            String note, Instant at) implements CampaignEvent {
    }

    /**
     * What a draft would send changed (its fields, or its template's content): any
     * Confirm card shown for it is withdrawn. {@code what} says what changed, for the
     * people told.
     */
    record Edited(long campaignId, String name, String what, Actor actor, Instant at) implements CampaignEvent {
    }

    /**
     * Delivery found the campaign differs from what was confirmed and sent it back to
     * draft, sending nothing; {@code ownerId} created it (to tell them), {@code reason}
     * says why.
     */
    record SentBack(long campaignId, String name, Long ownerId, String reason, Instant at) implements CampaignEvent {
    }

}
