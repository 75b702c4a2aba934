package lux.delivery;

import java.time.Clock;
import java.time.Instant;
import lux.besttime.DueTimes;
import lux.campaigns.FinishEstimate;
import lux.campaigns.Senders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one "when will this finish" for plans, cards and the console: the mailbox pool's
 * own estimate at the configured limits (the same the delivery engine publishes with its
 * progress), from the mailboxes the campaign sends from.
 */
@Component
class FinishEstimator implements FinishEstimate {

    private final MailboxPool mailboxes;

    private final Senders senders;

    private final DueTimes dueTimes;

    FinishEstimator(DeliveryProperties properties, JdbcTemplate jdbc, Clock clock, Senders senders, DueTimes dueTimes) {
        this.dueTimes = dueTimes;
        this.mailboxes = new MailboxPool(properties.limits(), jdbc, clock); // estimates
                                                                            // only read
                                                                            // the shared
                                                                            // limit
                                                                            // tables
        this.senders = senders;
    }

    @Override
    public Instant finish(long recipients, String sender, Instant start) {
        return mailboxes.estimateFinish(recipients, senders.of(sender), start);
    }

    /** A best-time send is not done before its last recipient is due. */
    @Override
    public Instant finish(long campaignId, long recipients, String sender, Instant start) {
        Instant pool = finish(recipients, sender, start);
        return dueTimes.lastDue(campaignId, start).filter(pool::isBefore).orElse(pool);
    }

}
