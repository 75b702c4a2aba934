package lux.journeys;

/** What enrols a contact in a journey. */
public enum TriggerKind {

    /**
     * A tag is added to the contact (by hand, in bulk, by an import or another journey).
     */
    TAG_ADDED,
    /** The contact is created or imported (contacts that existed before never enter). */
    CONTACT_CREATED,
    /** A date attribute (e.g. renewal_date) comes round: in N days, or on the day. */
    DATE_ATTRIBUTE,
    /** A sign-up through a form is confirmed (double opt-in). */
    SIGNUP_CONFIRMED

}
