package lux.signup;

/**
 * What became of a sign-up. Visitors get the same answer for all of them, so nobody
 * learns whether an address is known or why a bot was turned away; the outcome is for
 * logs and tests.
 */
public enum SignupOutcome {

    /** Waiting for the confirmation link (mail sent). */
    PENDING,
    /** A contact now (the form has no double opt-in). */
    ADDED,
    /** The address is a contact already, or suppressed: nothing changed. */
    UNCHANGED, HONEYPOT, TOO_FAST, BAD_STAMP, RATE_LIMITED, TOO_MANY_PENDING;

    public boolean spam() {
        return ordinal() >= HONEYPOT.ordinal();
    }

}
