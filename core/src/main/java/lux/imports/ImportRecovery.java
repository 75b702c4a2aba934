package lux.imports;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lux.audit.Actor;
import lux.audit.AuditService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports outlive no crash: this instance's queued and running imports say they are alive
 * every {@code lux.imports.heartbeat}; at start-up and on every heartbeat, imports silent
 * for three heartbeats (their instance stopped) are marked FAILED with a reason their
 * owner is told, and their spooled uploads are removed. The heartbeat also picks up
 * cancels asked for on another instance.
 */
@Component
class ImportRecovery {

    private static final Logger log = LoggerFactory.getLogger(ImportRecovery.class);

    private final ImportJobStore jobs;

    private final ImportSpool spool;

    private final ContactImportService imports;

    private final AuditService audit;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate tx;

    private final ImportProperties properties;

    private final Clock clock;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lux-import-heartbeat");
        t.setDaemon(true);
        return t;
    });

    ImportRecovery(ImportJobStore jobs, ImportSpool spool, ContactImportService imports, AuditService audit,
            ApplicationEventPublisher events, TransactionTemplate tx, ImportProperties properties, Clock clock) {
        this.jobs = jobs;
        this.spool = spool;
        this.imports = imports;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        sweep();
        long every = properties.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            jobs.heartbeat(imports.live(), clock.instant());
            imports.applyCancelRequests();
            sweep();
        }
        catch (RuntimeException e) {
            log.warn("Import heartbeat failed (retried next time): {}", e.toString());
        }
    }

    /**
     * Fails abandoned imports and removes uploads nobody will read; returns how many
     * imports were failed.
     */
    int sweep() {
        Instant now = clock.instant();
        Instant silentSince = now.minus(properties.heartbeat().multipliedBy(3));
        Set<Long> live = imports.live();
        int failed = 0;
        for (ImportJob job : jobs.abandoned(silentSince)) {
            if (live.contains(job.id())) {
                continue; // ours: still queued or running here
            }
            String reason = reason(job);
            Boolean marked = tx.execute(s -> {
                boolean done = jobs.markAbandoned(job.id(), reason, silentSince, now);
                if (done) {
                    audit.record(Actor.system(), "contact.import.abandoned", "contact_import", job.id(),
                            job.status() + " -> FAILED");
                }
                return done;
            });
            if (Boolean.TRUE.equals(marked)) {
                failed++;
                spool.delete(job.id());
                log.warn("Import {} was left {} by a stopped instance; marked FAILED", job.id(), job.status());
                events.publishEvent(new ImportEvent.Finished(job.id(), job.userId(), job.fileName(), job.created(),
                        job.updated(), job.skipped(), job.invalid(), false, reason));
            }
        }
        for (long id : spool.spooled()) {
            Optional<ImportJob> job = jobs.find(id);
            if (!live.contains(id) && (job.isEmpty() || job.get().status().done())
                    && spool.untouchedSince(id, silentSince)) {
                spool.delete(id);
            }
        }
        return failed;
    }

    private static String reason(ImportJob job) {
        boolean wrote = job.created() + job.updated() > 0;
        return "LUX stopped (a restart or crash) while this import was "
                + job.status().name().toLowerCase(java.util.Locale.ROOT) + ", so it did not finish. "
                + (wrote ? "Rows up to about row " + job.rowsDone() + " were imported; import the "
                        + "file again with \"update existing\" to complete it."
                        : "Nothing was imported; import the file again.");
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

}
