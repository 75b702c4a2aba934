package lux.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import lux.audit.Actor;
import lux.suppression.SuppressionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One pass over a CSV file: the {@link ContactRowReader} parses and validates on the
 * import's thread while writer threads write the previous batches (one transaction each,
 * so a cancelled or failed import keeps what it wrote). Each writer fills and writes its
 * own batches; a row goes to the writer its address hashes to, so two writers never touch
 * the same address (no lock waits or deadlocks between them, and a repeat in the file
 * meets its first row in the same writer, in file order). Per writer at most one batch
 * waits while another is written, so memory stays flat whatever the file's size.
 */
@Component
class ContactImporter {

    private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);

    private final ContactBatchWriter writer;

    private final ImportJobStore jobs;

    private final TransactionTemplate tx;

    private final ImportProperties properties;

    private final Clock clock;

    ContactImporter(ContactBatchWriter writer, ImportJobStore jobs, TransactionTemplate tx, ImportProperties properties,
            Clock clock) {
        this.writer = writer;
        this.jobs = jobs;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    record Outcome(ImportStatus status, ImportCounts counts, String failure, String report) {
    }

    Outcome run(long importId, ImportRequest request, Actor actor, BooleanSupplier cancelled,
            Consumer<ImportCounts> afterBatch) {
        Run run = new Run(importId, request, actor, cancelled, afterBatch);
        ImportStatus status = ImportStatus.FINISHED;
        String failure = null;
        try {
            if (cancelled.getAsBoolean()) {
                status = ImportStatus.CANCELLED;
            }
            else if (!run.execute()) {
                status = ImportStatus.CANCELLED;
            }
        }
        catch (ImportRefusedException e) {
            status = ImportStatus.FAILED;
            failure = e.getMessage();
        }
        catch (IOException | UncheckedIOException e) {
            status = ImportStatus.FAILED;
            failure = run.readFailure(e);
        }
        catch (RuntimeException e) {
            log.error("Import {} of {} stopped unexpectedly", importId, request.fileName(), e);
            status = ImportStatus.FAILED;
            failure = "The import stopped at line " + run.reader.line() + " because of an internal error ("
                    + e.getClass().getSimpleName()
                    + "). Rows before it were imported; importing the file again with \"update existing\" finishes it.";
        }
        return new Outcome(status, run.counts(run.reader.rowsDone()), failure,
                run.report.isEmpty() ? null : run.report.text());
    }

    /** The state of one import while it reads the file. */
    private final class Run implements ContactRowReader.Rows {

        private final long importId;

        private final ImportRequest request;

        private final BooleanSupplier cancelled;

        private final Consumer<ImportCounts> afterBatch;

        private final String consentSource;

        private final ContactRowReader reader = new ContactRowReader(properties);

        private final ErrorReport report = new ErrorReport(properties.errorReportLimit());

        private final int batchSize = writer.batchSize(properties);

        private final Lane[] lanes = new Lane[writer.writers(properties)];

        // written by several threads: the reader counts invalid rows and in-batch
        // repeats, the writers the rest
        private final AtomicLong created = new AtomicLong();

        private final AtomicLong updated = new AtomicLong();

        private final AtomicLong skipped = new AtomicLong();

        private final AtomicLong invalid = new AtomicLong();

        private final AtomicLong rowsShown = new AtomicLong();

        private List<Long> tagIds = List.of();

        Run(long importId, ImportRequest request, Actor actor, BooleanSupplier cancelled,
                Consumer<ImportCounts> afterBatch) {
            this.importId = importId;
            this.request = request;
            this.cancelled = cancelled;
            this.afterBatch = afterBatch;
            String source = "import #" + importId + " of " + request.fileName() + " by " + actor.name() + " via "
                    + actor.channel();
            this.consentSource = source.length() > 500 ? source.substring(0, 500) : source;
        }

        /** Returns false when cancelled before the end of the file. */
        boolean execute() throws IOException {
            Instant started = clock.instant();
            if (!request.tags().isEmpty()) {
                tagIds = tx.execute(s -> writer.ensureTags(request.tags(), started));
            }
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new Lane("lux-import-" + importId + "-writer-" + i);
            }
            try (InputStream in = request.source().open()) {
                boolean complete;
                try {
                    complete = reader.read(in, this);
                }
                catch (ImportRefusedException e) {
                    flushAll(); // the rows read before the refusal are valid: keep them,
                                // as the message says
                    throw e;
                }
                flushAll();
                return complete;
            }
            finally {
                for (Lane lane : lanes) {
                    if (lane != null) {
                        lane.awaitQuietly(); // never leave a batch being written after
                                             // the job is marked done
                        lane.thread.shutdown();
                    }
                }
            }
        }

        @Override
        public void accepted(ContactRow row) {
            Lane lane = lanes[Math.floorMod(row.email().hashCode(), lanes.length)];
            if (lane.batch.putIfAbsent(row.email(), row) != null) {
                skipped.incrementAndGet(); // the same address earlier in this batch: the
                                           // first row wins
            }
            if (lane.batch.size() >= batchSize) {
                lane.flush();
            }
        }

        @Override
        public void rejected(long line, String email, String problem) {
            invalid.incrementAndGet();
            report.add(line, email, problem);
        }

        @Override
        public boolean keepReading() {
            if (cancelled.getAsBoolean()) { // per row: a cancel stops the import now, not
                                            // a batch later
                flushAll();
                return false;
            }
            return true;
        }

        /** Writes what every writer holds and waits until it is written. */
        private void flushAll() {
            for (Lane lane : lanes) {
                lane.flush();
            }
            for (Lane lane : lanes) {
                lane.awaitWritten();
            }
        }

        private void write(List<ContactRow> rows, long rowsReadWhenFlushed) {
            Instant now = clock.instant();
            // writers finish in any order: progress never goes back
            long rowsRead = rowsShown.accumulateAndGet(rowsReadWhenFlushed, Math::max);
            ContactBatchWriter.Outcome outcome = tx.execute(s -> {
                ContactBatchWriter.Outcome o = writer.write(rows, importId, request.mode(), tagIds, consentSource, now);
                jobs.progress(importId, new ImportCounts(rowsRead, created.get() + o.created(),
                        updated.get() + o.updated(), skipped.get() + o.skipped(), invalid.get()));
                return o;
            });
            created.addAndGet(outcome.created());
            updated.addAndGet(outcome.updated());
            skipped.addAndGet(outcome.skipped());
            for (ContactBatchWriter.Suppressed s : outcome.suppressed()) {
                // an erased person's address is not written back into LUX by the report
                // that refuses it
                boolean erased = s.reason() == SuppressionReason.ERASED;
                report.add(s.row().line(), erased ? "" : s.row().email(),
                        "Not imported: the address is on the suppression list ("
                                + s.reason().name().toLowerCase(Locale.ROOT) + "), so it stays unmailable.");
            }
            synchronized (afterBatch) { // the listener is not made for two writers
                afterBatch.accept(counts(rowsRead));
            }
        }

        /**
         * One writer: the batch being filled for it, its thread and the batch it writes.
         */
        private final class Lane {

            private final Map<String, ContactRow> batch = new LinkedHashMap<>();

            private final ExecutorService thread;

            private Future<?> writing;

            Lane(String name) {
                this.thread = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
            }

            /** Hands the batch to the writer thread once the one before it is written. */
            void flush() {
                awaitWritten();
                if (batch.isEmpty()) {
                    return;
                }
                List<ContactRow> rows = new ArrayList<>(batch.values());
                batch.clear();
                long rowsRead = reader.rowsDone();
                writing = thread.submit(() -> write(rows, rowsRead));
            }

            /** Waits for the batch being written; its failure becomes this thread's. */
            void awaitWritten() {
                Future<?> current = writing;
                if (current == null) {
                    return;
                }
                writing = null;
                try {
                    current.get();
                }
                catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the import was writing a batch", e);
                }
            }

            void awaitQuietly() {
                try {
                    awaitWritten();
                }
                catch (RuntimeException | Error e) {
                    log.debug("Import {}: a batch failed while the import was already stopping", importId, e);
                }
            }

        }

        ImportCounts counts(long rowsDone) {
            return new ImportCounts(rowsDone, created.get(), updated.get(), skipped.get(), invalid.get());
        }

        String readFailure(Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "The file could not be read past line " + reader.line() + ": " + why + ". "
                    + (created.get() + updated.get() > 0
                            ? "Rows before it were imported; fix the file and import it again."
                            : "Fix the file and import it again.");
        }

    }

}
