package lux.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hostile files through the whole import, on H2 and PostgreSQL: a quoted field that never
 * ends, NUL bytes, a cancel in the middle of a batch, and jobs a crash left behind. Same
 * context as {@link ContactImportTest}.
 */
@DatabaseTest
@SpringBootTest(classes = { CoreTestApplication.class, ImportEventsCollector.class },
        properties = { "lux.imports.batch-size=2", "lux.imports.progress-interval=0s", "lux.delivery.enabled=false",
                "spring.datasource.hikari.maximum-pool-size=3", ContactImportTest.SPOOL })
class HostileImportTest {

    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    @Autowired
    ContactImportService imports;

    @Autowired
    ContactService contacts;

    @Autowired
    ImportEventsCollector events;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ImportRecovery recovery;

    @Autowired
    ImportSpool spool;

    @Autowired
    ImportProperties properties;

    @Autowired
    ContactBatchWriter writer;

    @Autowired
    ImportJobStore jobs;

    @Autowired
    SafeFileFetcher fetcher;

    @Autowired
    AuditService audit;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Clock clock;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        events.events.clear();
    }

    @Test
    void aQuotedFieldSpanningMillionsOfShortLinesIsRefusedAtTheRecordLimit() {
        Generated bomb = new Generated("email,notes\nfirst@example.com,fine\nbomb@example.com,\"", "x\n",
                Long.MAX_VALUE);

        long started = System.nanoTime();
        ImportJob job = imports.importNow(new ImportRequest("bomb.csv", () -> bomb, Set.of(), null), MIA);

        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.failure()).startsWith("The row starting at line 3 is longer than 16000000 characters "
                + "(lux.imports.max-record-chars), so this does not look like a contact list: most likely a quote is never closed.");
        assertThat(job.created()).isEqualTo(1);
        assertThat(bomb.served).isLessThan(16_000_000L + 1_000_000); // it stopped reading
                                                                     // at the limit, not
                                                                     // at the end
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aClosedQuotedFieldOverTheFieldLimitMakesOnlyItsRowInvalidAndLineNumbersStayRight() {
        // 200,000 short lines inside one quoted field (twice the field limit), then
        // ordinary rows
        String file = "email,notes\nbig@example.com,\"" + "y\n".repeat(200_000)
                + "\"\nafter@example.com,ok\nbroken,row\n";

        ImportJob job = imports.importNow(
                new ImportRequest("long.csv", ImportSource.of(file.getBytes(StandardCharsets.UTF_8)), Set.of(), null),
                MIA);

        assertThat(job.status()).isEqualTo(ImportStatus.FINISHED);
        assertThat(List.of(job.created(), job.invalid())).containsExactly(1L, 2L);
        assertThat(imports.errorReport(job.id()).orElseThrow())
            .contains("2,big@example.com,\"The column \"\"notes\"\" is longer than 1000 characters.\"")
            .contains("200004,broken,");
        assertThat(contacts.findByEmail("after@example.com")).isPresent();
    }

    @Test
    void nulBytesAreStrippedFromNamesAndReportedPerRowInAddresses() {
        String file = "email,first name,last name,plan\nada@example.com,A\0da,Love\u0001lace,go\0ld\n"
                + "b\0ob@example.com,Bob,Stone,free\ncy@example.com,Cy,\0,free\n";

        ImportJob job = imports.importNow(
                new ImportRequest("nul\0.csv", ImportSource.of(file.getBytes(StandardCharsets.UTF_8)), Set.of(), null),
                MIA);

        assertThat(job.status()).isEqualTo(ImportStatus.FINISHED);
        assertThat(job.fileName()).isEqualTo("nul.csv");
        assertThat(List.of(job.created(), job.invalid())).containsExactly(2L, 1L);
        assertThat(contacts.findByEmail("ada@example.com")).hasValueSatisfying(c -> {
            assertThat(c.firstName()).isEqualTo("Ada");
            assertThat(c.lastName()).isEqualTo("Lovelace");
            assertThat(c.attributes()).containsEntry("plan", "gold");
        });
        assertThat(contacts.findByEmail("cy@example.com")).hasValueSatisfying(c -> assertThat(c.lastName()).isNull());
        String report = imports.errorReport(job.id()).orElseThrow();
        assertThat(report).contains("3,bob@example.com,\"The email address contains a control character (such as NUL)")
            .doesNotContain("\0");
    }

    @Test
    void aCancelStopsTheImportAtTheNextRowNotTheNextBatch() throws Exception {
        ContactImportService bigBatches = withBatchSize(1000);
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream rows = new Generated("email\n", null, Long.MAX_VALUE) {
            @Override
            String row(long n) {
                if (n == 5500) { // past the sniffed 64 KB, in the middle of the sixth
                                 // batch: wait here for the test
                    reached.countDown();
                    try {
                        release.await();
                    }
                    catch (InterruptedException e) {
                        throw new UncheckedIOException(new IOException("interrupted"));
                    }
                }
                return "row" + n + "@example.com\n";
            }
        };
        long id = bigBatches.start(new ImportRequest("endless.csv", () -> rows, Set.of(), null), MIA);
        assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();

        bigBatches.cancel(id, MIA);
        release.countDown();
        ImportJob job = awaitDone(id);

        assertThat(job.status()).isEqualTo(ImportStatus.CANCELLED);
        // the parser reads ahead, so the cancel lands somewhere before row 5500; a check
        // per batch would stop only at a
        // multiple of 1000, one per row stops mid-batch
        assertThat(job.rowsDone()).isGreaterThan(1000).isLessThan(6000);
        assertThat(job.rowsDone() % 1000).isNotZero();
        assertThat(job.created()).isEqualTo(job.rowsDone())
            .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class));
        bigBatches.stop();
    }

    @Test
    void importsACrashLeftQueuedOrRunningAreFailedWithAReasonAndTheirFilesRemoved() throws IOException {
        Instant now = clock.instant();
        long running = job("RUNNING", now.minus(Duration.ofMinutes(10)), 40); // silent
                                                                              // for more
                                                                              // than
                                                                              // three
                                                                              // heartbeats
        long queued = job("QUEUED", null, 0);
        long alive = job("RUNNING", now, 10); // another instance working on it right now
        long finished = job("FINISHED", now.minus(Duration.ofHours(1)), 5);
        for (long id : List.of(running, queued, alive, finished)) {
            spool.save(id, new java.io.ByteArrayInputStream("email\n".getBytes(StandardCharsets.US_ASCII)));
        }
        Files.setLastModifiedTime(spool.file(finished), FileTime.from(now.minus(Duration.ofHours(1))));

        recovery.sweep(); // what start-up runs; every cached context on this database
                          // sweeps it too, so counts are not ours

        assertThat(imports.get(running).status()).isEqualTo(ImportStatus.FAILED);
        assertThat(imports.get(running).failure())
            .isEqualTo("LUX stopped (a restart or crash) while this import was running, so it "
                    + "did not finish. Rows up to about row 40 were imported; import the file again with \"update existing\" to complete it.");
        assertThat(imports.get(queued).failure())
            .isEqualTo("LUX stopped (a restart or crash) while this import was queued, so it "
                    + "did not finish. Nothing was imported; import the file again.");
        assertThat(imports.get(alive).status()).isEqualTo(ImportStatus.RUNNING);
        assertThat(Files.exists(spool.file(running))).isFalse();
        assertThat(Files.exists(spool.file(queued))).isFalse();
        assertThat(Files.exists(spool.file(finished))).isFalse();
        assertThat(Files.exists(spool.file(alive))).isTrue();
        assertThat(audit.forTarget("contact_import", running)).extracting(e -> e.getAction())
            .containsExactly("contact.import.abandoned");
        assertThat(recovery.sweep()).isZero();
        spool.delete(alive);
    }

    @Test
    void anUploadWaitsInTheSpoolOnlyWhileItsImportRuns() {
        long id = imports.startUpload("list.csv",
                new java.io.ByteArrayInputStream("email\nzoe@example.com\n".getBytes(StandardCharsets.UTF_8)), Set.of(),
                null, MIA);

        ImportJob job = awaitDone(id);

        assertThat(job.created()).isEqualTo(1);
        assertThat(Files.exists(spool.file(id))).isFalse();
    }

    private long job(String status, Instant heartbeat, long created) {
        jdbc.update(
                "INSERT INTO contact_import (file_name, mode, status, user_name, created, rows_done, created_at, heartbeat_at) "
                        + "VALUES ('list.csv', 'ADD_NEW_ONLY', ?, 'mia@lux.test', ?, ?, ?, ?)",
                status, created, created, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                heartbeat == null ? null : OffsetDateTime.ofInstant(heartbeat, ZoneOffset.UTC));
        return jdbc.queryForObject("SELECT MAX(id) FROM contact_import", Long.class);
    }

    private ContactImportService withBatchSize(int batchSize) {
        ImportProperties p = properties;
        ImportProperties big = new ImportProperties(batchSize, p.threads(), p.progressInterval(), p.errorReportLimit(),
                p.maxRecordChars(), p.maxFieldChars(), p.heartbeat(), p.spoolDirectory(), p.allowedHosts(),
                p.allowPrivateAddresses(), p.maxFileSize(), p.fetchTimeout(), p.queueCapacity(), p.writers());
        return new ContactImportService(new ContactImporter(writer, jobs, tx, big, clock), jobs, spool, fetcher, audit,
                publisher, tx, big, clock);
    }

    private ImportJob awaitDone(long id) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            ImportJob job = imports.get(id);
            if (job.status().done()) {
                return job;
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + id + " did not finish: " + imports.get(id));
    }

    /**
     * A CSV made while it is read: a head, then {@code rows} rows (a fixed text, or
     * {@link #row}); nothing held in memory.
     */
    static class Generated extends InputStream {

        private final String fixed;

        private final long rows;

        private byte[] current;

        private int position;

        private long row;

        long served;

        Generated(String head, String fixed, long rows) {
            this.current = head.getBytes(StandardCharsets.US_ASCII);
            this.fixed = fixed;
            this.rows = rows;
        }

        String row(long n) {
            return fixed;
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (row == rows) {
                    return -1;
                }
                current = row(row++).getBytes(StandardCharsets.US_ASCII);
                position = 0;
            }
            served++;
            return current[position++];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                int b = read();
                if (b < 0) {
                    return n == 0 ? -1 : n;
                }
                buffer[offset + n++] = (byte) b;
            }
            return n;
        }

    }

}
