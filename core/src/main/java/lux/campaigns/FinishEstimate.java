package lux.campaigns;

import java.time.Instant;

/**
 * When a send will be out: so many recipients from a campaign's mailboxes (its sender,
 * null = the default pool), starting at {@code start}. Implemented by delivery (which
 * knows the mailbox limits) so campaigns need not depend on it.
 */
public interface FinishEstimate {

    Instant finish(long recipients, String sender, Instant start);

    /**
     * The same for one campaign, which may wait for its recipients' due times (a
     * best-time send): never before the last of them.
     */
    default Instant finish(long campaignId, long recipients, String sender, Instant start) {
        return finish(recipients, sender, start);
    }

}
