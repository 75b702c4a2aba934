package lux.imports;

import jakarta.annotation.PreDestroy;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.ConflictException;
import lux.shared.NotFoundException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public face of contact imports: start one in the background (progress and the
 * result arrive as {@link ImportEvent}s), look it up, cancel it, download its error
 * report, or import synchronously.
 */
@Service
@EnableConfigurationProperties(ImportProperties.class)
public class ContactImportService {

    private final ContactImporter importer;

    private final ImportJobStore jobs;

    private final ImportSpool spool;

    private final SafeFileFetcher fetcher;

    private final AuditService audit;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate tx;

    private final ImportProperties properties;

    private final Clock clock;

    private final ThreadPoolExecutor executor;

    private final Map<Long, AtomicBoolean> running = new ConcurrentHashMap<>();

    ContactImportService(ContactImporter importer, ImportJobStore jobs, ImportSpool spool, SafeFileFetcher fetcher,
            AuditService audit, ApplicationEventPublisher events, TransactionTemplate tx, ImportProperties properties,
            Clock clock) {
        this.importer = importer;
        this.jobs = jobs;
        this.spool = spool;
        this.fetcher = fetcher;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // a bounded queue: beyond it start() refuses instead of holding ever more uploads
        this.executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 0, TimeUnit.MILLISECONDS,
                properties.queueCapacity() == 0 ? new SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(properties.queueCapacity()),
                r -> {
                    Thread t = new Thread(r, "lux-import-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Queues the import and returns its id at once; watch {@link ImportEvent}s or
     * {@link #get} for the outcome.
     */
    public long start(ImportRequest request, Actor actor) {
        refuseWhenFull();
        long id = create(request, actor);
        AtomicBoolean cancel = new AtomicBoolean();
        running.put(id, cancel);
        submit(id, () -> execute(id, request, actor, cancel, () -> {
        }), () -> {
        });
        return id;
    }

    /**
     * Queues the import of a file downloaded from {@code url} (a Teams attachment)
     * through {@link SafeFileFetcher}: an address LUX must not fetch from is refused
     * here, before a job exists.
     */
    public long startDownload(String fileName, String url, Set<String> tags, ImportMode mode, Actor actor) {
        return start(new ImportRequest(fileName, fetcher.source(url), tags, mode), actor);
    }

    /**
     * Queues the import of an uploaded file (console, API). The upload is stored in the
     * spool first, under the job's id, because the import reads it later on another
     * thread; it is deleted when the import ends (or, after a crash, by
     * {@link ImportRecovery}).
     */
    public long startUpload(String fileName, InputStream content, Set<String> tags, ImportMode mode, Actor actor) {
        refuseWhenFull();
        ImportRequest described = new ImportRequest(fileName, ImportSource.of(new byte[0]), tags, mode);
        long id = create(described, actor);
        try {
            spool.save(id, content);
        }
        catch (RuntimeException e) {
            String why = e instanceof ImportRefusedException ? e.getMessage()
                    : "The uploaded file could not be stored; try again.";
            tx.executeWithoutResult(s -> jobs.finish(id, ImportStatus.FAILED, new ImportCounts(0, 0, 0, 0, 0), why,
                    null, clock.instant()));
            throw e;
        }
        ImportRequest request = new ImportRequest(described.fileName(), spool.source(id), described.tags(),
                described.mode());
        AtomicBoolean cancel = new AtomicBoolean();
        running.put(id, cancel);
        submit(id, () -> execute(id, request, actor, cancel, () -> spool.delete(id)), () -> spool.delete(id));
        return id;
    }

    private void refuseWhenFull() {
        if (executor.getActiveCount() >= properties.threads() && executor.getQueue().remainingCapacity() == 0) {
            throw busy();
        }
    }

    private void submit(long id, Runnable task, Runnable cleanUp) {
        try {
            executor.execute(task);
        }
        catch (RejectedExecutionException full) {
            // filled up between the check and now: the job row says why it never ran
            running.remove(id);
            cleanUp.run();
            ConflictException busy = busy();
            tx.executeWithoutResult(s -> jobs.finish(id, ImportStatus.FAILED, new ImportCounts(0, 0, 0, 0, 0),
                    busy.getMessage(), null, clock.instant()));
            throw busy;
        }
    }

    private ConflictException busy() {
        return new ConflictException("LUX is already running " + properties.threads() + " import(s) with "
                + properties.queueCapacity()
                + " more waiting, so this file was not imported. Please try again in a few minutes (nothing was changed).");
    }

    /** The imports queued or running on this instance. */
    Set<Long> live() {
        return Set.copyOf(running.keySet());
    }

    /**
     * Imports in the caller's thread and returns the finished job (tests, scripts,
     * benchmarks).
     */
    public ImportJob importNow(ImportRequest request, Actor actor) {
        long id = create(request, actor);
        AtomicBoolean cancel = new AtomicBoolean();
        running.put(id, cancel);
        execute(id, request, actor, cancel, () -> {
        });
        return get(id);
    }

    public ImportJob get(long id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("Import", id));
    }

    /** The latest imports, newest first. */
    public List<ImportJob> recent(int limit) {
        return jobs.recent(Math.max(1, Math.min(limit, 200)));
    }

    /**
     * Asks a queued or running import to stop after the batch it is writing; rows written
     * so far stay. The request is kept in the database: an import running on another
     * instance stops at that instance's next heartbeat.
     */
    public ImportJob cancel(long id, Actor actor) {
        ImportJob job = get(id);
        if (job.status().done() || !jobs.requestCancel(id, clock.instant())) {
            throw new ConflictException("Import " + id + " of " + job.fileName() + " has already "
                    + (job.status().done() ? job.status().name().toLowerCase(java.util.Locale.ROOT) : "stopped")
                    + "; there is nothing to cancel.");
        }
        AtomicBoolean flag = running.get(id);
        if (flag != null) {
            flag.set(true); // running here: stop now rather than at the next heartbeat
        }
        tx.executeWithoutResult(
                s -> audit.record(actor, "contact.import.cancel", "contact_import", id, job.fileName()));
        return get(id);
    }

    /**
     * Stops the imports running here that someone asked to cancel on another instance
     * (called with each heartbeat).
     */
    void applyCancelRequests() {
        jobs.cancelRequested(running.keySet()).forEach(id -> {
            AtomicBoolean flag = running.get(id);
            if (flag != null) {
                flag.set(true);
            }
        });
    }

    /** The CSV of rows not imported (line, email, problem), if there were any. */
    public Optional<String> errorReport(long id) {
        get(id);
        StringWriter out = new StringWriter();
        return jobs.copyReport(id, out) ? Optional.of(out.toString()) : Optional.empty();
    }

    /** Streams the error report to {@code out}; false when the import has none. */
    public boolean writeErrorReport(long id, Writer out) {
        get(id);
        return jobs.copyReport(id, out);
    }

    private long create(ImportRequest request, Actor actor) {
        Long id = tx.execute(s -> {
            long jobId = jobs.insert(request, actor, clock.instant());
            audit.record(actor, "contact.import.start", "contact_import", jobId,
                    request.fileName() + " (" + request.mode() + ")");
            return jobId;
        });
        return id;
    }

    /**
     * Runs the import; {@code afterRead} runs once the file is read, before the job is
     * marked done.
     */
    private void execute(long id, ImportRequest request, Actor actor, AtomicBoolean cancel, Runnable afterRead) {
        boolean read = false;
        try {
            jobs.markRunning(id, clock.instant());
            long interval = properties.progressInterval().toNanos();
            long[] lastEvent = { System.nanoTime() };
            ContactImporter.Outcome outcome = importer.run(id, request, actor, cancel::get, counts -> {
                long now = System.nanoTime();
                if (now - lastEvent[0] >= interval) {
                    lastEvent[0] = now;
                    events.publishEvent(new ImportEvent.Progress(id, actor.userId(), request.fileName(),
                            counts.rowsDone(), null, counts.invalid()));
                }
            });
            read = true;
            afterRead.run();
            ImportCounts c = outcome.counts();
            tx.executeWithoutResult(s -> {
                jobs.finish(id, outcome.status(), c, outcome.failure(), outcome.report(), clock.instant());
                audit.record(actor, "contact.import", "contact_import", id,
                        outcome.status() + ": " + c.created() + " created, " + c.updated() + " updated, " + c.skipped()
                                + " skipped, " + c.invalid() + " invalid");
            });
            events
                .publishEvent(new ImportEvent.Finished(id, actor.userId(), request.fileName(), c.created(), c.updated(),
                        c.skipped(), c.invalid(), outcome.status() == ImportStatus.CANCELLED, outcome.failure()));
        }
        finally {
            running.remove(id);
            if (!read) {
                afterRead.run();
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running.values().forEach(flag -> flag.set(true));
        executor.shutdown();
        executor.awaitTermination(15, TimeUnit.SECONDS);
    }

}
