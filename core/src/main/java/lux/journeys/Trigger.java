package lux.journeys;

import java.util.Objects;

/**
 * A journey's trigger.
 *
 * @param tag the tag for {@link TriggerKind#TAG_ADDED}
 * @param attribute the date attribute (yyyy-MM-dd values) for
 * {@link TriggerKind#DATE_ATTRIBUTE}
 * @param daysBefore how many days before the date the contact enters (0: on the day)
 */
public record Trigger(TriggerKind kind, String tag, String attribute, int daysBefore) {

    public Trigger {
        Objects.requireNonNull(kind, "kind");
    }

    public static Trigger tagAdded(String tag) {
        return new Trigger(TriggerKind.TAG_ADDED, tag, null, 0);
    }

    public static Trigger contactCreated() {
        return new Trigger(TriggerKind.CONTACT_CREATED, null, null, 0);
    }

    public static Trigger dateAttribute(String attribute, int daysBefore) {
        return new Trigger(TriggerKind.DATE_ATTRIBUTE, null, attribute, daysBefore);
    }

    public static Trigger signupConfirmed() {
        return new Trigger(TriggerKind.SIGNUP_CONFIRMED, null, null, 0);
    }

    /** In words, for cards and the console. */
    public String describe() {
        return switch (kind) {
            case TAG_ADDED -> "when a contact gets the tag " + tag;
            case CONTACT_CREATED -> "when a contact is created or imported";
            case DATE_ATTRIBUTE -> daysBefore == 0 ? "on the day of " + attribute
                    : daysBefore + (daysBefore == 1 ? " day" : " days") + " before " + attribute;
            case SIGNUP_CONFIRMED -> "when a sign-up is confirmed";
        };
    }

    /**
     * The same without a language: what {@link #describe()} says in English, as a key and
     * values for the reader's language.
     */
    public Phrase phrase() {
        return switch (kind) {
            case TAG_ADDED -> Phrase.of("card.journeyTrigger.tagAdded", tag);
            case CONTACT_CREATED -> Phrase.of("card.journeyTrigger.contactCreated");
            case DATE_ATTRIBUTE ->
                Phrase.of("card.journeyTrigger.date", attribute, daysBefore, String.valueOf(daysBefore));
            case SIGNUP_CONFIRMED -> Phrase.of("card.journeyTrigger.signupConfirmed");
        };
    }

}
