package lux.agent.tools;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import lux.contacts.ContactHistoryView.Entry;

/**
 * A contact's timeline entry in words, the same for the model and on the card people see.
 */
public final class TimelineText {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private TimelineText() {
    }

    public static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    public static String what(Entry e) {
        return switch (e.kind()) {
            case ADDED -> "Added" + by(e.detail());
            case IMPORTED -> "Imported from " + e.subject() + by(e.detail());
            case CONSENT -> "Consent: " + e.subject() + by(e.detail());
            case STATUS -> "Status changed: " + e.subject() + by(e.detail());
            case RECEIVED -> "Received " + e.subject();
            case OPENED -> "Opened " + e.subject() + " (" + e.detail() + ")";
            case OPENED_BY_MACHINE -> "Opened by a machine, not a person: " + e.subject() + " (" + e.detail() + ")";
            case CLICKED -> "Clicked in " + e.subject() + " (" + e.detail() + ")";
            case CLICKED_BY_MACHINE ->
                "Link checked by a machine, not a person: " + e.subject() + " (" + e.detail() + ")";
            case UNSUBSCRIBED -> "Unsubscribed (" + e.subject() + ")" + by(e.detail());
            case BOUNCED -> "Bounced, " + e.detail() + ": " + e.subject();
        };
    }

    private static String by(String who) {
        return who == null || who.isBlank() ? "" : " by " + who;
    }

}
