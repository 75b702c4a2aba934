package lux.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.IllegalTransitionException;
import lux.campaigns.RecipientStatus;
import lux.campaigns.ConfirmedSends;
import lux.campaigns.Senders;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.templates.RenderedMessage;
import lux.templates.TemplateContent;
import lux.templates.TemplateModel;
import lux.templates.TemplateRenderException;
import lux.templates.TemplateService;
import lux.tracking.ComposedMessage;
import lux.tracking.TrackingComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sending road: due campaign -> audience materialised -> batches claimed -> rendered, tracked, sent
 * -> outcomes recorded -> campaign finished. Every step is safe to run on several instances at once.
 */
@Component
public class DeliveryEngine {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer waits for a mailbox slot end the batch; the rest goes back to the queue instead of holding a lease. */
    private static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(2);
    /** GdprService writes the same reason on the row when it erases a recipient that was waiting to be sent. */
    static final String ERASED = "address erased on request";

    private final CampaignService campaigns;
    private final TemplateService templates;
    private final TrackingComposer composer;
    private final MailTransport transport;
    private final RecipientStore store;
    private final MailboxPool mailboxes;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;
    private final DeliveryProperties properties;
    private final Senders senderMailboxes;
    private final ConfirmedSends confirmed;
    private final Clock clock;
    private final ExecutorService senders;
    private final ExecutorService batchLoops;

    DeliveryEngine(CampaignService campaigns, TemplateService templates, TrackingComposer composer, MailTransport transport,
                   RecipientStore store, ApplicationEventPublisher events, JdbcTemplate jdbc, DeliveryProperties properties,
                   Senders senderMailboxes, ConfirmedSends confirmed, Clock clock) {
        this.senderMailboxes = senderMailboxes;
        this.confirmed = confirmed;
        this.campaigns = campaigns;
        this.templates = templates;
        this.composer = composer;
        this.transport = transport;
        this.store = store;
        this.events = events;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.mailboxes = new MailboxPool(properties.limits(), jdbc, clock);
        this.senders = Executors.newFixedThreadPool(properties.workerThreads(), r -> {
            Thread t = new Thread(r, "lux-sender");
            t.setDaemon(true);
            return t;
        });
        this.batchLoops = Executors.newFixedThreadPool(Math.max(1, properties.parallelBatches() - 1), r -> {
            Thread t = new Thread(r, "lux-delivery-batch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts every scheduled campaign whose time has come; returns how many started. */
    public int startDueCampaigns() {
        List<Long> due = jdbc.queryForList("SELECT id FROM campaign WHERE status = 'SCHEDULED' AND scheduled_at <= ? ORDER BY scheduled_at",
                Long.class, Timestamp.from(clock.instant()));
        int started = 0;
        for (long id : due) {
            try {
                if (start(id)) {
                    started++;
                }
            } catch (IllegalTransitionException | OptimisticLockingFailureException e) {
                log.info("Campaign {} was changed while starting ({}); leaving it as it is", id, e.getMessage());
            }
        }
        return started;
    }

    /** False when the campaign changed after it was confirmed: it went back to draft and nothing was sent. */
    private boolean start(long id) {
        Optional<String> changed = confirmed.checkBeforeSending(id);
        if (changed.isPresent()) {
            log.warn("Campaign {} not started: {}", id, changed.get());
            return false;
        }
        CampaignView campaign = campaigns.get(id);
        long inserted = store.materialise(id, campaign.audience());
        CampaignView sending = campaigns.transition(id, CampaignStatus.SENDING, "delivery.start", Actor.scheduler());
        CampaignView counted = counted(id);
        log.info("Campaign {} \"{}\" started: {} recipients ({} new)", id, sending.name(), counted.recipientsTotal(), inserted);
        events.publishEvent(new DeliveryEvent.Started(id, sending.name(), counted.recipientsTotal(),
                mailboxes.estimateFinish(counted.remaining(), senders(campaign))));
        finishIfDone(id);
        return true;
    }

    /**
     * Sends batches of every sending campaign until none has due work or {@code budget} is spent, with
     * {@code parallel-batches} loops at once: while one batch is being rendered on the sender threads, another
     * is being claimed or written, so neither the CPU nor the database waits for the other.
     */
    public void work(Duration budget) {
        Instant end = Instant.now().plus(budget);
        int loops = properties.parallelBatches();
        if (loops == 1) {
            workLoop(end);
            return;
        }
        List<Future<?>> running = new ArrayList<>(loops - 1);
        for (int i = 1; i < loops; i++) {
            running.add(batchLoops.submit(() -> workLoop(end)));
        }
        workLoop(end); // one loop on the calling thread
        for (Future<?> loop : running) {
            try {
                loop.get();
            } catch (ExecutionException e) {
                log.error("A delivery loop failed; the next tick tries again", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void workLoop(Instant end) {
        boolean progress = true;
        while (progress && Instant.now().isBefore(end)) {
            progress = false;
            for (long id : jdbc.queryForList("SELECT id FROM campaign WHERE status = 'SENDING' ORDER BY id", Long.class)) {
                progress |= runBatch(id);
            }
        }
    }

    /** One batch of one campaign; false when it had nothing due (or is no longer sending). */
    public boolean runBatch(long campaignId) {
        CampaignView campaign = campaigns.get(campaignId);
        if (campaign.status() != CampaignStatus.SENDING) {
            return false;
        }
        int limit = properties.batchSize();
        List<ClaimedRecipient> batch = store.claim(campaignId, limit);
        if (batch.isEmpty()) {
            finishIfDone(campaignId);
            return false;
        }
        List<Outcome> outcomes = send(campaign, batch);
        store.record(outcomes);
        CampaignView counted = tally(campaignId, outcomes);
        events.publishEvent(new DeliveryEvent.Progress(campaignId, campaign.name(), counted.recipientsTotal(), counted.sentCount(),
                counted.failedCount(), counted.skippedCount(), mailboxes.estimateFinish(counted.remaining(), senders(campaign))));
        stopIfRefused(campaign, outcomes);
        if (batch.size() < limit) {
            finishIfDone(campaignId); // a full batch says there is more; a short one may have been the last
        }
        return true;
    }

    /**
     * Progress after a batch without counting every recipient row per batch (a scan of the campaign: quadratic over
     * a large one). The stored counters are refreshed from the rows at most every second, and never more often
     * than 20 times the last refresh took (so counting stays under 5% of the time); in between, this instance's
     * own outcomes are added to the last refreshed numbers.
     */
    private CampaignView tally(long campaignId, List<Outcome> outcomes) {
        Tally t = tallies.computeIfAbsent(campaignId, id -> new Tally());
        synchronized (t) {
            for (Outcome o : outcomes) {
                switch (o.status()) {
                    case "SENT" -> t.sent++;
                    case "FAILED" -> t.failed++;
                    case "SKIPPED" -> t.skipped++;
                    default -> { }
                }
            }
            long now = System.nanoTime();
            if (t.base == null || now - t.refreshedAt >= Math.max(REFRESH_EVERY_NANOS, 20 * t.refreshTook)) {
                t.base = counted(campaignId);
                t.refreshTook = System.nanoTime() - now;
                t.refreshedAt = System.nanoTime();
                t.sent = 0;
                t.failed = 0;
                t.skipped = 0;
            }
            CampaignView b = t.base;
            return new CampaignView(b.id(), b.name(), b.templateId(), b.sender(), b.audience(), b.status(), b.scheduledAt(),
                    b.scheduleZone(), b.startedAt(), b.finishedAt(), b.recipientsTotal(), (int) (b.sentCount() + t.sent),
                    (int) (b.failedCount() + t.failed), (int) (b.skippedCount() + t.skipped), b.createdAt(), b.updatedAt(), b.approval());
        }
    }

    private static final long REFRESH_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private final Map<Long, Tally> tallies = new ConcurrentHashMap<>();

    /** Last counters read from the rows, and this instance's outcomes since. */
    private static final class Tally {
        CampaignView base;
        long refreshedAt;
        long refreshTook;
        long sent;
        long failed;
        long skipped;
    }

    /** When every recipient is final: SENT, or FAILED when every one failed. Publishes Finished once. */
    void finishIfDone(long campaignId) {
        if (store.anyPendingOrSending(campaignId)) {
            return;
        }
        tallies.remove(campaignId);
        CampaignView campaign = counted(campaignId);
        if (campaign.status() != CampaignStatus.SENDING) {
            return;
        }
        Map<RecipientStatus, Long> counts = campaigns.recipientCounts(campaignId);
        CampaignStatus end = counts.get(RecipientStatus.SENT) == 0 && counts.get(RecipientStatus.FAILED) > 0
                ? CampaignStatus.FAILED : CampaignStatus.SENT;
        try {
            campaigns.transition(campaignId, end, "delivery.finish", Actor.scheduler());
        } catch (IllegalTransitionException | OptimisticLockingFailureException e) {
            return; // another instance finished it first
        }
        log.info("Campaign {} \"{}\" finished {}: {} sent, {} failed, {} skipped", campaignId, campaign.name(), end.label(),
                campaign.sentCount(), campaign.failedCount(), campaign.skippedCount());
        events.publishEvent(new DeliveryEvent.Finished(campaignId, campaign.name(), end, campaign.sentCount(),
                campaign.failedCount(), campaign.skippedCount()));
    }

    /** Counters from the rows; another instance refreshing at the same moment wins the version race, so retry. */
    private CampaignView counted(long campaignId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return campaigns.refreshCounters(campaignId);
            } catch (OptimisticLockingFailureException e) {
                if (attempt == 5) {
                    return campaigns.get(campaignId);
                }
            }
        }
    }

    /** Crashed workers' recipients: failed as "unknown outcome" (or queued again if so configured). */
    public int resolveExpiredLeases() {
        int resolved = store.resolveExpiredLeases(properties.lease(), properties.resendUnknown());
        if (resolved > 0) {
            log.warn("{} recipients were left 'sending' by a stopped worker; {}", resolved,
                    properties.resendUnknown() ? "queued again (lux.delivery.resend-unknown=true)" : "marked failed with an unknown outcome");
            jdbc.queryForList("SELECT id FROM campaign WHERE status = 'SENDING'", Long.class).forEach(this::finishIfDone);
        }
        return resolved;
    }

    /**
     * Renders and sends one claimed batch. Messages are rendered in parallel on the sender threads; a transport
     * that takes whole batches (the outbox) then gets them in one call, others send each message on its thread.
     */
    private List<Outcome> send(CampaignView campaign, List<ClaimedRecipient> batch) {
        TemplateContent content = confirmed.sendContent(campaign.id()); // as confirmed, whatever happened to the template since
        Map<Long, ContactView> contacts = loadContacts(batch);
        List<String> from = senders(campaign);
        AtomicReference<SendResult> stop = new AtomicReference<>();
        boolean batched = transport.sendsBatches();
        List<Future<Object>> futures = new ArrayList<>(batch.size());
        for (ClaimedRecipient r : batch) {
            futures.add(senders.submit(() -> {
                Object composed = compose(campaign, content, contacts.get(r.contactId()), r, stop);
                if (!(composed instanceof ComposedMessage message)) {
                    return composed;
                }
                return batched ? reserve(campaign, r, message, from) : deliver(campaign, r, message, from, stop);
            }));
        }
        Outcome[] outcomes = new Outcome[batch.size()];
        List<OutgoingMessage> ready = new ArrayList<>(batched ? batch.size() : 0);
        List<Integer> readyAt = new ArrayList<>(batched ? batch.size() : 0);
        for (int i = 0; i < futures.size(); i++) {
            try {
                Object done = futures.get(i).get();
                if (done instanceof OutgoingMessage m) {
                    ready.add(m);
                    readyAt.add(i);
                } else {
                    outcomes[i] = (Outcome) done;
                }
            } catch (ExecutionException e) {
                outcomes[i] = Outcome.failed(batch.get(i), "internal error while sending: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes[i] = Outcome.retry(batch.get(i), null, null, -1);
            }
        }
        if (!ready.isEmpty()) {
            // right before the transport: a recipient erased since the claim is not mailed
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
            } catch (RuntimeException e) {
                SendResult failed = new SendResult.Transient("transport error: " + e.getMessage(), null);
                results = ready.stream().map(m -> failed).toList();
            }
            for (int k = 0; k < ready.size(); k++) {
                int i = readyAt.get(k);
                outcomes[i] = outcome(batch.get(i), ready.get(k).from(), results.get(k), stop);
            }
        }
        if (stop.get() != null) {
            lastStop.put(campaign.id(), stop.get());
        }
        return List.of(outcomes);
    }

    private final Map<Long, SendResult> lastStop = Collections.synchronizedMap(new HashMap<>());

    /** The recipient's message, rendered and tracked, or its outcome when there is nothing to send. */
    private Object compose(CampaignView campaign, TemplateContent content, ContactView contact, ClaimedRecipient r,
                           AtomicReference<SendResult> stop) {
        if (stop.get() != null) {
            return Outcome.retry(r, null, null, -1);
        }
        if (contact == null || contact.status() != ContactStatus.ACTIVE) {
            return Outcome.skipped(r, contact == null ? "contact deleted since the campaign started"
                    : "contact is " + contact.status().name().toLowerCase() + " since the campaign started");
        }
        try {
            Map<String, Object> model = TemplateModel.forContact(contact);
            String unsubscribe = composer.unsubscribeUrl(campaign.id(), r.id());
            model.put("unsubscribe_url", unsubscribe);
            RenderedMessage rendered = templates.renderForSending(content, model);
            return composer.compose(campaign.id(), r.id(), rendered, unsubscribe);
        } catch (TemplateRenderException e) {
            return Outcome.failed(r, "template error: " + e.getMessage());
        }
    }

    /**
     * For a batch transport: counts the message against a mailbox's limits and gives the slot back at once (a
     * database batch has no requests in flight to limit); a retry outcome when no mailbox has room soon.
     */
    private Object reserve(CampaignView campaign, ClaimedRecipient r, ComposedMessage composed, List<String> from) {
        Object slot = acquire(r, from);
        if (slot instanceof MailboxPool.Slot granted) {
            mailboxes.release(granted);
            return message(campaign, r, composed, granted.sender());
        }
        return slot;
    }

    /** Sends one message on a mailbox slot, which counts against the concurrent-request limit while it runs. */
    private Outcome deliver(CampaignView campaign, ClaimedRecipient r, ComposedMessage composed, List<String> from,
                            AtomicReference<SendResult> stop) {
        if (stop.get() != null) {
            return Outcome.retry(r, null, null, -1); // another message of the batch was refused: send no more
        }
        Object slot = acquire(r, from);
        if (!(slot instanceof MailboxPool.Slot granted)) {
            return (Outcome) slot;
        }
        SendResult result;
        try {
            if (store.stillToSend(List.of(r)).isEmpty()) {
                return Outcome.skipped(r, ERASED); // erased since the claim: checked right before the transport
            }
            result = transport.send(message(campaign, r, composed, granted.sender()));
        } catch (RuntimeException e) {
            result = new SendResult.Transient("transport error: " + e.getMessage(), null);
        } finally {
            mailboxes.release(granted);
        }
        return outcome(r, granted.sender(), result, stop);
    }

    private static OutgoingMessage message(CampaignView campaign, ClaimedRecipient r, ComposedMessage composed, String sender) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(OutgoingMessage.MESSAGE_ID_HEADER, r.luxMessageId());
        return new OutgoingMessage(campaign.id(), r.id(), r.luxMessageId(), sender, r.email(),
                composed.subject(), composed.html(), composed.text(), headers, composed.unsubscribeUrl());
    }

    /** A slot on one of {@code from}, waiting briefly; a retry outcome when none frees up soon. */
    private Object acquire(ClaimedRecipient r, List<String> from) {
        Object slot = mailboxes.tryAcquire(from);
        while (slot instanceof MailboxPool.Wait wait) {
            Duration pause = Duration.between(clock.instant(), wait.until());
            if (pause.compareTo(MAX_INLINE_WAIT) > 0) {
                return Outcome.retry(r, wait.dailyLimit() ? "daily sending limit of the sender mailbox reached" : null, wait.until(), -1);
            }
            sleep(pause.isNegative() || pause.toMillis() < 5 ? Duration.ofMillis(5) : pause);
            slot = mailboxes.tryAcquire(from);
        }
        return slot;
    }

    private Outcome outcome(ClaimedRecipient r, String sender, SendResult result, AtomicReference<SendResult> stop) {
        if (result instanceof SendResult.Sent sent) {
            return Outcome.sent(r, sent.providerMessageId());
        }
        if (result instanceof SendResult.Permanent p) {
            return Outcome.failed(r, p.reason());
        }
        if (result instanceof SendResult.Unauthorized u) {
            stop.compareAndSet(null, u);
            return Outcome.retry(r, u.reason(), null, -1);
        }
        if (result instanceof SendResult.Fatal f) {
            stop.compareAndSet(null, f);
            return Outcome.retry(r, f.reason(), null, -1);
        }
        if (result instanceof SendResult.Unknown u) {
            if (properties.resendUnknown() && r.attempts() < properties.maxAttempts()) {
                return Outcome.retry(r, "resent after an unknown outcome: " + u.reason(), clock.instant().plus(backoff(r.attempts())), 0);
            }
            return Outcome.failed(r, RecipientStore.unknownOutcome(u.reason()));
        }
        SendResult.Transient t = (SendResult.Transient) result;
        if (t.retryAfter() != null) {
            mailboxes.backOff(sender, t.retryAfter());
        }
        if (r.attempts() >= properties.maxAttempts()) {
            return Outcome.failed(r, "gave up after " + r.attempts() + " attempts: " + t.reason());
        }
        return Outcome.retry(r, t.reason(), clock.instant().plus(t.retryAfter() != null ? t.retryAfter() : backoff(r.attempts())), 0);
    }

    /** Exponential backoff with full jitter: base * 2^(attempt-1), capped, times a random factor in [0.5, 1]. */
    Duration backoff(int attempt) {
        long base = properties.backoff().toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5)));
    }

    private void stopIfRefused(CampaignView campaign, List<Outcome> outcomes) {
        SendResult stop = lastStop.remove(campaign.id());
        if (stop == null) {
            return;
        }
        try {
            if (stop instanceof SendResult.Unauthorized u) {
                campaigns.transition(campaign.id(), CampaignStatus.PAUSED, "delivery.pause", Actor.scheduler());
                log.warn("Campaign {} paused: {}", campaign.id(), u.reason());
                events.publishEvent(new DeliveryEvent.Paused(campaign.id(), campaign.name(), u.reason()));
            } else if (stop instanceof SendResult.Fatal f) {
                CampaignView counted = campaigns.transition(campaign.id(), CampaignStatus.FAILED, "delivery.fail", Actor.scheduler());
                log.error("Campaign {} failed: {}", campaign.id(), f.reason());
                events.publishEvent(new DeliveryEvent.Finished(campaign.id(), campaign.name(), CampaignStatus.FAILED,
                        counted.sentCount(), counted.failedCount(), counted.skippedCount()));
            }
        } catch (IllegalTransitionException | OptimisticLockingFailureException e) {
            // another worker paused or failed it already: the marketer hears about it once
        }
    }

    private List<String> senders(CampaignView campaign) {
        return senderMailboxes.of(campaign.sender());
    }

    private Map<Long, ContactView> loadContacts(List<ClaimedRecipient> batch) {
        List<Long> ids = batch.stream().map(ClaimedRecipient::contactId).filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, ContactView> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT id, email, first_name, last_name, company, attributes, status FROM contact WHERE id IN ("
                + String.join(",", Collections.nCopies(ids.size(), "?")) + ")", rs -> {
            Map<String, String> attributes;
            try {
                attributes = JSON.readValue(rs.getString(6), new TypeReference<LinkedHashMap<String, String>>() { });
            } catch (java.io.IOException e) {
                attributes = Map.of();
            }
            found.put(rs.getLong(1), new ContactView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    attributes, ContactStatus.valueOf(rs.getString(7)), List.of(), null, null, null, null));
        }, ids.toArray());
        return found;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.min(d.toMillis(), MAX_INLINE_WAIT.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        senders.shutdown();
        batchLoops.shutdown();
    }
}
