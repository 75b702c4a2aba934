package lux.abtests;

/**
 * Where an A/B test stands: set up on a draft, testing (the test share is sent and
 * results come in), waiting for a person's choice (manual mode), decided.
 */
public enum AbTestStatus {

    SETUP, TESTING, AWAITING_CHOICE, DECIDED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

}
