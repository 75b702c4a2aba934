package lux.contacts;

/**
 * Only ACTIVE contacts are mailed. The other states are holds: final as far as imports
 * are concerned, each backed by a suppression entry, and only an admin with a stated
 * reason may move a contact out of one (ContactService).
 */
public enum ContactStatus {

    ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED;

    /**
     * True for the states that keep a person from being mailed (they asked, or their
     * mailbox refused).
     */
    public boolean isHold() {
        return this != ACTIVE;
    }

}
