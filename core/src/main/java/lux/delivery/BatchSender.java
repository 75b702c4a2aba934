package lux.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import lux.campaigns.CampaignView;
import lux.campaigns.Senders;

/**
 * Sends one claimed batch. Messages are rendered in parallel on the sender threads; a
 * transport that takes whole batches (the outbox) then gets them in one call, others send
 * each message on its thread under a mailbox slot. Right before the transport, recipients
 * erased since the claim are dropped; every recipient gets an outcome.
 */
final class BatchSender {

    /**
     * Longer waits for a mailbox slot end the batch; the rest goes back to the queue
     * instead of holding a lease.
     */
    static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(2);

    /**
     * GdprService writes the same reason on the row when it erases a recipient that was
     * waiting to be sent.
     */
    static final String ERASED = "address erased on request";

    private final RecipientMessages messages;

    private final MailTransport transport;

    private final RecipientStore store;

    private final MailboxPool mailboxes;

    private final OutcomePolicy policy;

    private final Senders senderMailboxes;

    private final Clock clock;

    private final ExecutorService threads;

    BatchSender(RecipientMessages messages, MailTransport transport, RecipientStore store, MailboxPool mailboxes,
            OutcomePolicy policy, Senders senderMailboxes, Clock clock, int workerThreads, int priority) {
        this.messages = messages;
        this.transport = transport;
        this.store = store;
        this.mailboxes = mailboxes;
        this.policy = policy;
        this.senderMailboxes = senderMailboxes;
        this.clock = clock;
        this.threads = Executors.newFixedThreadPool(workerThreads, r -> {
            Thread t = new Thread(r, "lux-sender");
            t.setDaemon(true);
            t.setPriority(priority);
            return t;
        });
    }

    /**
     * A batch's outcomes, in claim order, and the answer that stopped it when the account
     * or configuration was refused.
     */
    record SentBatch(List<Outcome> outcomes, Optional<SendResult> stop) {
    }

    /**
     * What one recipient's worker produced: its outcome, or (for a batch transport) its
     * message, ready to go.
     */
    private sealed interface Prepared permits Settled, Ready {

    }

    private record Settled(Outcome outcome) implements Prepared {
    }

    private record Ready(OutgoingMessage message) implements Prepared {
    }

    SentBatch send(CampaignView campaign, List<ClaimedRecipient> batch) {
        RecipientMessages.Batch context = messages.batch(campaign, batch);
        List<String> from = senderMailboxes.of(campaign.sender());
        AtomicReference<SendResult> stop = new AtomicReference<>();
        boolean batched = transport.sendsBatches();
        List<Future<Prepared>> futures = new ArrayList<>(batch.size());
        for (ClaimedRecipient r : batch) {
            futures.add(threads.submit(() -> prepare(context, r, from, batched, stop)));
        }
        Outcome[] outcomes = new Outcome[batch.size()];
        List<OutgoingMessage> ready = new ArrayList<>(batched ? batch.size() : 0);
        List<Integer> readyAt = new ArrayList<>(batched ? batch.size() : 0);
        for (int i = 0; i < futures.size(); i++) {
            try {
                Prepared done = futures.get(i).get();
                if (done instanceof Ready m) {
                    ready.add(m.message());
                    readyAt.add(i);
                }
                else {
                    outcomes[i] = ((Settled) done).outcome();
                }
            }
            catch (ExecutionException e) {
                outcomes[i] = Outcome.failed(batch.get(i), "internal error while sending: " + e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes[i] = policy.notTried(batch.get(i), null);
            }
        }
        if (!ready.isEmpty()) {
            // right before the transport: a recipient erased since the claim is not
            // mailed
            Set<Long> live = store.stillToSend(readyAt.stream().map(batch::get).toList());
            for (int k = ready.size() - 1; k >= 0; k--) {
                int i = readyAt.get(k);
                if (!live.contains(batch.get(i).id())) {
                    outcomes[i] = Outcome.skipped(batch.get(i), ERASED);
                    ready.remove(k);
                    readyAt.remove(k);
                }
            }
        }
        if (!ready.isEmpty()) {
            List<SendResult> results;
            try {
                results = transport.sendAll(ready);
            }
            catch (RuntimeException e) {
                SendResult failed = new SendResult.Transient("transport error: " + e.getMessage(), null);
                results = ready.stream().map(m -> failed).toList();
            }
            for (int k = 0; k < ready.size(); k++) {
                int i = readyAt.get(k);
                outcomes[i] = outcome(batch.get(i), ready.get(k).from(), results.get(k), stop);
            }
        }
        return new SentBatch(List.of(outcomes), Optional.ofNullable(stop.get()));
    }

    /**
     * On a sender thread: the recipient's message, composed and either sent (one by one)
     * or readied for the batch.
     */
    private Prepared prepare(RecipientMessages.Batch context, ClaimedRecipient r, List<String> from, boolean batched,
            AtomicReference<SendResult> stop) {
        if (stop.get() != null) {
            return new Settled(policy.notTried(r, null));
        }
        RecipientMessages.Composition composed = messages.compose(context, r);
        if (composed instanceof RecipientMessages.Composition.Unsendable none) {
            return new Settled(none.outcome());
        }
        RecipientMessages.Composition.Written written = (RecipientMessages.Composition.Written) composed;
        return batched ? reserve(context.campaign(), r, written, from)
                : new Settled(deliver(context.campaign(), r, written, from, stop));
    }

    /**
     * For a batch transport: counts the message against a mailbox's limits and gives the
     * slot back at once (a database batch has no requests in flight to limit); a retry
     * outcome when no mailbox has room soon.
     */
    private Prepared reserve(CampaignView campaign, ClaimedRecipient r, RecipientMessages.Composition.Written composed,
            List<String> from) {
        MailboxPool.Reservation reservation = acquire(from);
        if (reservation instanceof MailboxPool.Wait wait) {
            return new Settled(policy.noMailboxSlot(r, wait));
        }
        MailboxPool.Slot granted = (MailboxPool.Slot) reservation;
        mailboxes.release(granted);
        return new Ready(RecipientMessages.outgoing(campaign, r, composed.message(), granted.sender()));
    }

    /**
     * Sends one message on a mailbox slot, which counts against the concurrent-request
     * limit while it runs.
     */
    private Outcome deliver(CampaignView campaign, ClaimedRecipient r, RecipientMessages.Composition.Written composed,
            List<String> from, AtomicReference<SendResult> stop) {
        if (stop.get() != null) {
            return policy.notTried(r, null); // another message of the batch was refused:
                                             // send no more
        }
        MailboxPool.Reservation reservation = acquire(from);
        if (reservation instanceof MailboxPool.Wait wait) {
            return policy.noMailboxSlot(r, wait);
        }
        MailboxPool.Slot granted = (MailboxPool.Slot) reservation;
        SendResult result;
        try {
            if (store.stillToSend(List.of(r)).isEmpty()) {
                return Outcome.skipped(r, ERASED); // erased since the claim: checked
                                                   // right before the transport
            }
            result = transport.send(RecipientMessages.outgoing(campaign, r, composed.message(), granted.sender()));
        }
        catch (RuntimeException e) {
            result = new SendResult.Transient("transport error: " + e.getMessage(), null);
        }
        finally {
            mailboxes.release(granted);
        }
        return outcome(r, granted.sender(), result, stop);
    }

    /**
     * A slot on one of {@code from}, waiting briefly; the wait when none frees up within
     * {@link #MAX_INLINE_WAIT}.
     */
    private MailboxPool.Reservation acquire(List<String> from) {
        MailboxPool.Reservation slot = mailboxes.tryAcquire(from);
        while (slot instanceof MailboxPool.Wait wait) {
            Duration pause = Duration.between(clock.instant(), wait.until());
            if (pause.compareTo(MAX_INLINE_WAIT) > 0) {
                return wait;
            }
            sleep(pause.isNegative() || pause.toMillis() < 5 ? Duration.ofMillis(5) : pause);
            slot = mailboxes.tryAcquire(from);
        }
        return slot;
    }

    /**
     * The policy's outcome, after the answer's side effects: a refusal stops the batch, a
     * Retry-After pauses the mailbox.
     */
    private Outcome outcome(ClaimedRecipient r, String sender, SendResult result, AtomicReference<SendResult> stop) {
        if (OutcomePolicy.stopsCampaign(result)) {
            stop.compareAndSet(null, result);
        }
        if (result instanceof SendResult.Transient t && t.retryAfter() != null) {
            mailboxes.backOff(sender, t.retryAfter());
        }
        return policy.of(r, result);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.min(d.toMillis(), MAX_INLINE_WAIT.toMillis()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void shutdown() {
        threads.shutdown();
    }

}
