package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sending outside a campaign run (journeys) under the same per-mailbox limits as
 * campaigns, shared through the database with every instance and every campaign: a
 * message needs an admission (a slot on one of the sender mailboxes) before the
 * transport, and a Retry-After pauses the mailbox for everybody.
 */
@Component
public class MailboxGate {

    private final MailboxPool pool;

    private final MailTransport transport;

    private final Clock clock;

    MailboxGate(DeliveryProperties properties, JdbcTemplate jdbc, MailTransport transport, Clock clock) {
        this.pool = new MailboxPool(properties.limits(), jdbc, clock);
        this.transport = transport;
        this.clock = clock;
    }

    /** A slot on a mailbox, or when to ask again. */
    public sealed interface Admission permits Admitted, NotBefore {

    }

    /**
     * May send now from {@code sender}; give it back with {@link #send} or
     * {@link #release}.
     */
    public record Admitted(String sender, Object slot) implements Admission {
    }

    /** Every mailbox is at its limit until {@code until}. */
    public record NotBefore(Instant until) implements Admission {
    }

    /**
     * A slot on one of {@code senders}, waiting up to two seconds for one (as campaign
     * batches do); otherwise when to try again.
     */
    public Admission admit(List<String> senders) {
        MailboxPool.Reservation slot = pool.tryAcquire(senders);
        while (slot instanceof MailboxPool.Wait wait) {
            Duration pause = Duration.between(clock.instant(), wait.until());
            if (pause.compareTo(BatchSender.MAX_INLINE_WAIT) > 0) {
                return new NotBefore(wait.until());
            }
            try {
                Thread.sleep(Math.max(5, Math.min(pause.toMillis(), BatchSender.MAX_INLINE_WAIT.toMillis())));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new NotBefore(clock.instant().plusSeconds(1));
            }
            slot = pool.tryAcquire(senders);
        }
        MailboxPool.Slot granted = (MailboxPool.Slot) slot;
        return new Admitted(granted.sender(), granted);
    }

    /**
     * Sends on an admitted slot and gives the slot back; a Retry-After answer pauses the
     * mailbox for every instance. Never throws for delivery failures.
     */
    public SendResult send(Admitted admitted, OutgoingMessage message) {
        SendResult result;
        try {
            result = transport.send(message);
        }
        catch (RuntimeException e) {
            result = new SendResult.Transient("transport error: " + e.getMessage(), null);
        }
        finally {
            release(admitted);
        }
        if (result instanceof SendResult.Transient t && t.retryAfter() != null) {
            pool.backOff(admitted.sender(), t.retryAfter());
        }
        return result;
    }

    /** Gives a slot back unused. */
    public void release(Admitted admitted) {
        pool.release((MailboxPool.Slot) admitted.slot());
    }

    /** Whether the transport takes whole batches in one go (the outbox). */
    public boolean sendsBatches() {
        return transport.sendsBatches();
    }

    /**
     * For a batch transport: the messages in one call (their slots were counted and given
     * back at admission: a database batch has no requests in flight to limit).
     */
    public List<SendResult> sendAll(List<OutgoingMessage> messages) {
        try {
            return transport.sendAll(messages);
        }
        catch (RuntimeException e) {
            SendResult failed = new SendResult.Transient("transport error: " + e.getMessage(), null);
            return messages.stream().map(m -> failed).toList();
        }
    }

}
