package lux.contacts;

import java.time.Instant;
import java.util.List;

/**
 * One contact and its timeline, oldest entry first; {@code earlierEntries} older ones
 * were left out.
 */
public record ContactHistoryView(long contactId, String email, String firstName, String lastName, String company,
        ContactStatus status, List<String> tags, List<Entry> entries, int earlierEntries) {

    public ContactHistoryView {
        tags = List.copyOf(tags);
        entries = List.copyOf(entries);
    }

    /** The name people know the contact by, or the address. */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        return name.isEmpty() ? email : name;
    }

    /**
     * What happened: {@code subject} is the campaign, file or change; {@code detail} who
     * did it, or how often; {@code campaignId} the campaign it is about, if any.
     */
    public record Entry(Instant at, Kind kind, String subject, String detail, Long campaignId) {

        public Entry(Instant at, Kind kind, String subject, String detail) {
            this(at, kind, subject, detail, null);
        }

        /**
         * An open or click LUX classified as a machine's (mail scanner, privacy proxy).
         */
        public boolean machine() {
            return kind == Kind.OPENED_BY_MACHINE || kind == Kind.CLICKED_BY_MACHINE;
        }

        /**
         * The entry in English, for the console and the API; chat words it for the reader
         * (TimelineText in the tools module).
         */
        public String summary() {
            String by = detail == null || detail.isBlank() ? "" : " by " + detail;
            return switch (kind) {
                case ADDED -> "Added" + by;
                case IMPORTED -> "Imported from " + subject + by;
                case CONSENT -> "Consent: " + subject + by;
                case STATUS -> "Status changed: " + subject + by;
                case RECEIVED -> "Received \"" + subject + "\"";
                case OPENED -> "Opened \"" + subject + "\" (" + detail + ")";
                case OPENED_BY_MACHINE -> "Opened \"" + subject + "\" by a machine, not a person (" + detail + ")";
                case CLICKED -> "Clicked in \"" + subject + "\" (" + detail + ")";
                case CLICKED_BY_MACHINE -> "Link in \"" + subject + "\" checked by a machine (" + detail + ")";
                case UNSUBSCRIBED -> "Unsubscribed (" + subject + ")" + by;
                case BOUNCED -> "Bounced, " + detail + ": \"" + subject + "\"";
            };
        }

    }

    public enum Kind {

        ADDED, IMPORTED, CONSENT, STATUS, RECEIVED, OPENED, OPENED_BY_MACHINE, CLICKED, CLICKED_BY_MACHINE,
        UNSUBSCRIBED, BOUNCED

    }
}
