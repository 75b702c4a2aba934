package lux.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lux.contacts.ContactHistoryView;
import lux.stats.ContactEngagement;

/**
 * A contact's history as the console page and the API show it: newest first, each entry
 * in words, with the engagement score. Read by core {@link lux.contacts.ContactHistory},
 * the same reader as chat's contact card.
 */
public record ContactTimelineView(long contactId, String email, ContactEngagement engagement, List<Line> entries,
        int earlierEntries) {

    /**
     * One entry; {@code by} is who did it or how often, {@code machine} marks a machine's
     * open or click.
     */
    public record Line(Instant at, ContactHistoryView.Kind kind, String summary, Long campaignId, boolean machine,
            String by) {
    }

    public static ContactTimelineView of(ContactHistoryView history, ContactEngagement engagement) {
        List<Line> lines = new ArrayList<>();
        for (ContactHistoryView.Entry e : history.entries()) {
            lines.add(new Line(e.at(), e.kind(), e.summary(), e.campaignId(), e.machine(), e.detail()));
        }
        Collections.reverse(lines);
        return new ContactTimelineView(history.contactId(), history.email(), engagement, List.copyOf(lines),
                history.earlierEntries());
    }
}
