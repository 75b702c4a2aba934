package lux.digest;

import java.time.Instant;
import java.util.List;

/**
 * The account's numbers for one digest period and the one before it. Opens and clicks
 * count people (recipients with at least one human open or click), never machine opens.
 */
public record DigestNumbers(Instant from, Instant to, Period current, Period previous, BestLink bestLink,
        List<JourneyProgress> journeys) {

    public DigestNumbers {
        journeys = List.copyOf(journeys);
    }

    /** One period's counts. */
    public record Period(long campaignsSent, long delivered, long opened, long clicked, long newContacts,
            long unsubscribes, long bounces) {

        /** New contacts less those who left (unsubscribed or bounced). */
        public long listGrowth() {
            return newContacts - unsubscribes - bounces;
        }

    }

    /** The link people clicked most in the period (null when nobody clicked). */
    public record BestLink(String url, long clicks) {
    }

    /** A journey's progress in the period, from {@link JourneyProgressSource}. */
    public record JourneyProgress(String name, long entered, long completed) {
    }

}
