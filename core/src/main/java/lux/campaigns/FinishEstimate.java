package lux.campaigns;

import java.time.Instant;

/**
 * When a send will be out: so many recipients from a campaign's mailboxes (its sender,
 * null = the default pool), starting at {@code start}. Implemented by delivery (which
 * knows the mailbox limits) so campaigns need not depend on it.
 */
public interface FinishEstimate {

    Instant finish(long recipients, String sender, Instant start);

}
