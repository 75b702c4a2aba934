package lux.inbound;

import java.time.Instant;

/**
 * What the campaign's owner hears about from the mailbox reader, published after the
 * change commits.
 */
public sealed interface InboundEvent permits InboundEvent.RepliesReceived, InboundEvent.PausedForBounces {

    long campaignId();

    /** Who created the campaign (null: nobody known), the person to tell. */
    Long ownerId();

    /**
     * People answered a campaign: {@code newReplies} in this read, {@code totalReplies}
     * so far, {@code webLink} to the latest one in the mailbox (null when the reader has
     * none).
     */
    record RepliesReceived(long campaignId, String name, Long ownerId, long newReplies, long totalReplies,
            String webLink, Instant at) implements InboundEvent {
    }

    /** LUX paused the campaign because too many of its messages bounced for good. */
    record PausedForBounces(long campaignId, String name, Long ownerId, long hardBounces, long accepted,
            double threshold, Instant at) implements InboundEvent {
        public double rate() {
            return accepted == 0 ? 0 : (double) hardBounces / accepted;
        }
    }

}
