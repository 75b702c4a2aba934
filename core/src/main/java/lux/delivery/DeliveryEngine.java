package lux.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lux.besttime.DueTimes;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.IllegalTransitionException;
import lux.campaigns.ConfirmedSends;
import lux.campaigns.Senders;
import lux.templates.TemplateService;
import lux.tracking.TrackingComposer;
import lux.tracking.TrafficGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sending road: due campaign -> audience materialised -> batches claimed -> rendered,
 * tracked, sent -> outcomes recorded -> campaign finished. Every step is safe to run on
 * several instances at once. This class drives the road; {@link CampaignRun} (a
 * campaign's start, progress and end), {@link BatchSender} (one batch to the transport),
 * {@link OutcomePolicy} (what an answer means) and {@link ProgressTally} (counters) each
 * own one part of it.
 */
@Component
public class DeliveryEngine {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final CampaignService campaigns;

    private final RecipientStore store;

    private final MailboxPool mailboxes;

    private final JdbcTemplate jdbc;

    private final DeliveryProperties properties;

    private final Senders senderMailboxes;

    private final Clock clock;

    private final CampaignRun run;

    private final BatchSender sender;

    private final ExecutorService batchLoops;

    private final DeliveryYield yielding;

    DeliveryEngine(CampaignService campaigns, TemplateService templates, TrackingComposer composer,
            MailTransport transport, AudienceMaterialiser audiences, RecipientStore store,
            ApplicationEventPublisher events, JdbcTemplate jdbc, DeliveryProperties properties, Senders senderMailboxes,
            ConfirmedSends confirmed, Clock clock, ObjectProvider<VariantContents> variants, DueTimes dueTimes,
            TrafficGauge traffic) {
        this.senderMailboxes = senderMailboxes;
        this.campaigns = campaigns;
        this.store = store;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.yielding = DeliveryYield.system(properties.yieldToTracking(), traffic);
        // the lowest Java priority: the OS honours it on Linux only with
        // -XX:ThreadPriorityPolicy=1 (nice 4), see docs/deployment.md
        int priority = properties.yieldToTracking().enabled() ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY;
        this.mailboxes = new MailboxPool(properties.limits(), jdbc, clock);
        this.run = new CampaignRun(campaigns, confirmed, audiences, store,
                new ProgressTally(campaigns, System::nanoTime), mailboxes, senderMailboxes, events, dueTimes);
        this.sender = new BatchSender(
                new RecipientMessages(templates, composer, confirmed, jdbc,
                        variants.getIfAvailable(() -> campaignId -> java.util.Map.of())),
                transport, store, mailboxes, new OutcomePolicy(properties, clock), senderMailboxes, clock,
                properties.workerThreads(), priority);
        this.batchLoops = Executors.newFixedThreadPool(Math.max(1, properties.parallelBatches() - 1), r -> {
            Thread t = new Thread(r, "lux-delivery-batch");
            t.setDaemon(true);
            t.setPriority(priority);
            return t;
        });
    }

    /** Starts every scheduled campaign whose time has come; returns how many started. */
    public int startDueCampaigns() {
        List<Long> due = jdbc.queryForList(
                "SELECT id FROM campaign WHERE status = 'SCHEDULED' AND scheduled_at <= ? ORDER BY scheduled_at",
                Long.class, Timestamp.from(clock.instant()));
        int started = 0;
        for (long id : due) {
            try {
                if (run.start(id)) {
                    started++;
                }
            }
            catch (IllegalTransitionException | OptimisticLockingFailureException e) {
                log.info("Campaign {} was changed while starting ({}); leaving it as it is", id, e.getMessage());
            }
        }
        return started;
    }

    /**
     * Sends batches of every sending campaign until none has due work or {@code budget}
     * is spent, with {@code parallel-batches} loops at once: while one batch is being
     * rendered on the sender threads, another is being claimed or written, so neither the
     * CPU nor the database waits for the other. After each batch a loop gives way to busy
     * open and click routes ({@link DeliveryYield}).
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
            }
            catch (ExecutionException e) {
                log.error("A delivery loop failed; the next tick tries again", e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void workLoop(Instant end) {
        boolean progress = true;
        while (progress && Instant.now().isBefore(end)) {
            progress = false;
            for (long id : jdbc.queryForList("SELECT id FROM campaign WHERE status = 'SENDING' ORDER BY id",
                    Long.class)) {
                long started = yielding.now();
                if (runBatch(id)) {
                    progress = true;
                    yielding.afterBatch(started);
                }
            }
        }
    }

    /**
     * One batch of one campaign; false when it had nothing due (or is no longer sending).
     * The outcomes are recorded under the batch's claim token in one transaction before
     * anything else happens to the campaign.
     */
    public boolean runBatch(long campaignId) {
        CampaignView campaign = campaigns.get(campaignId);
        if (campaign.status() != CampaignStatus.SENDING) {
            return false;
        }
        int limit = properties.batchSize();
        List<ClaimedRecipient> batch = store.claim(campaignId, limit);
        if (batch.isEmpty()) {
            run.finishIfDone(campaignId);
            return false;
        }
        BatchSender.SentBatch sent = sender.send(campaign, batch);
        store.record(sent.outcomes());
        run.progressed(campaign, sent.outcomes());
        sent.stop().ifPresent(refusal -> run.stop(campaign, refusal));
        if (batch.size() < limit) {
            run.finishIfDone(campaignId); // a full batch says there is more; a short one
                                          // may have been the last
        }
        return true;
    }

    /**
     * Crashed workers' recipients: failed as "unknown outcome" (or queued again if so
     * configured).
     */
    public int resolveExpiredLeases() {
        int resolved = store.resolveExpiredLeases(properties.lease(), properties.resendUnknown());
        if (resolved > 0) {
            log.warn("{} recipients were left 'sending' by a stopped worker; {}", resolved, properties.resendUnknown()
                    ? "queued again (lux.delivery.resend-unknown=true)" : "marked failed with an unknown outcome");
            jdbc.queryForList("SELECT id FROM campaign WHERE status = 'SENDING'", Long.class)
                .forEach(run::finishIfDone);
        }
        return resolved;
    }

    /** How this instance's delivery gives way to tracking (tests read its counters). */
    DeliveryYield yielding() {
        return yielding;
    }

    private List<String> senders(CampaignView campaign) {
        return senderMailboxes.of(campaign.sender());
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        sender.shutdown();
        batchLoops.shutdown();
    }

}
