package lux.delivery;

import java.time.Clock;
import java.time.Instant;
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

    FinishEstimator(DeliveryProperties properties, JdbcTemplate jdbc, Clock clock, Senders senders) {
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

}
