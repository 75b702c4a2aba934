package lux.besttime;

/** Where a recipient's due time came from. */
public enum SendSlot {

    /** The contact's own best hour (at least the configured number of human opens). */
    CONTACT,
    /** The audience's best hour: the contact had too few human opens. */
    AUDIENCE,
    /** The campaign's own time: nobody in the audience has opened yet. */
    PLAIN

}
