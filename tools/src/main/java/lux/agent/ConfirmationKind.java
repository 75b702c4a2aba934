package lux.agent;

/**
 * What a Confirm card does when pressed: schedule, resume or approve a send, the
 * irreversible cancel and reject, or deleting contacts (one, or every contact of an
 * audience with the count shown), which is about no campaign.
 */
public enum ConfirmationKind {

    SCHEDULE, RESUME, APPROVE, CANCEL, REJECT, DELETE_CONTACTS,
    /** Sends an A/B test's chosen variant to the rest of the audience. */
    CHOOSE_WINNER,
    /** Starts a journey built in chat. */
    CREATE_JOURNEY;

    /**
     * Whether a change to what the campaign would send makes the card stale (cancel and
     * reject mean the same after).
     */
    public boolean boundToContent() {
        return this == SCHEDULE || this == RESUME || this == APPROVE;
    }

    /** Cannot be undone once confirmed. */
    public boolean destructive() {
        return this == CANCEL || this == REJECT || this == DELETE_CONTACTS;
    }

    /**
     * The card is about contacts, not a campaign: its row has no campaign and
     * {@code ContactDeletions} confirms it.
     */
    public boolean aboutContacts() {
        return this == DELETE_CONTACTS;
    }

    /**
     * The card starts a journey built in chat ({@code JourneyConfirmations} confirms it).
     */
    public boolean aboutJourney() {
        return this == CREATE_JOURNEY;
    }

}
