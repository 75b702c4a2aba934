package lux.abtests;

/** Who picks the winner once the wait is over. */
public enum AbMode {

    /** LUX sends the winner to the rest by itself. */
    AUTO,
    /** LUX shows the numbers and a person picks the winner. */
    MANUAL

}
