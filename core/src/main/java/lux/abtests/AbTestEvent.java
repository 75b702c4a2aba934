package lux.abtests;

/**
 * What happened to an A/B test, for listeners (the Teams card): new results came in, a
 * person's choice is wanted, or the winner was decided.
 */
public sealed interface AbTestEvent {

    long campaignId();

    record ResultsChanged(long campaignId) implements AbTestEvent {
    }

    record ChoiceWanted(long campaignId) implements AbTestEvent {
    }

    record Decided(long campaignId, String winner, Long winnerCampaignId, String decidedBy) implements AbTestEvent {
    }

}
