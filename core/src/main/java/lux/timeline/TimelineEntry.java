package lux.timeline;

import java.time.Instant;

/**
 * One thing that happened to a contact. {@code machine} is set for opens and clicks LUX
 * classified as a machine's (mail scanners, privacy proxies), null where it does not
 * apply; {@code by} names who did it when a person did.
 */
public record TimelineEntry(Instant at, Kind kind, String summary, Long campaignId, Boolean machine, String by) {

    /** What kind of thing happened. */
    public enum Kind {

        ADDED, CONSENT, CHANGED, RECEIVED, NOT_DELIVERED, OPENED, CLICKED, UNSUBSCRIBED, SUPPRESSED

    }
}
