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
     * did it, or how often.
     */
    public record Entry(Instant at, Kind kind, String subject, String detail) {
    }

    public enum Kind {

        ADDED, IMPORTED, CONSENT, STATUS, RECEIVED, OPENED, OPENED_BY_MACHINE, CLICKED, CLICKED_BY_MACHINE,
        UNSUBSCRIBED, BOUNCED

    }
}
