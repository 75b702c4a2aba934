package lux.timeline;

import java.util.List;
import lux.stats.ContactEngagement;

/** A contact's history, newest first, with its human engagement score. */
public record ContactTimeline(long contactId, String email, ContactEngagement engagement, List<TimelineEntry> entries) {
}
