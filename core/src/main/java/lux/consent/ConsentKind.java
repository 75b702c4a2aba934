package lux.consent;

/** What happened to a person's consent. */
public enum ConsentKind {

    /** A sign-up form was sent (with double opt-in: not yet a contact). */
    SIGNUP,
    /** The confirmation link of a double opt-in sign-up was followed. */
    CONFIRMATION,
    /** Added by a file import (the source names the file). */
    IMPORT,
    /** Added by a person in the console, the API or chat (the actor says who). */
    ADDED, TOPIC_OPT_IN, TOPIC_OPT_OUT,
    /**
     * The reader paused all mail until a date, or ended the pause (the source says
     * which).
     */
    PAUSE, UNSUBSCRIBE, ERASURE_REQUEST

}
