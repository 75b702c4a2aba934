package lux.agent;

/** What a Confirm card does when pressed: schedule, resume or approve a send, or the irreversible cancel and reject. */
public enum ConfirmationKind {
    SCHEDULE, RESUME, APPROVE, CANCEL, REJECT;

    /** Whether a change to what the campaign would send makes the card stale (cancel and reject mean the same after). */
    public boolean boundToContent() {
        return this == SCHEDULE || this == RESUME || this == APPROVE;
    }

    /** Cannot be undone once confirmed. */
    public boolean destructive() {
        return this == CANCEL || this == REJECT;
    }
}
