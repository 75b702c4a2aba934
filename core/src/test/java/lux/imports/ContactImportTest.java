package lux.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.shared.InvalidInputException;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Messy real-world files through the whole import, on H2 and PostgreSQL. Batches of 2 so
 * dedupe crosses batches. This context stays cached beside the others on the same
 * database, so its delivery scheduler is off: it must not claim the recipients of
 * delivery tests that run later.
 */
@DatabaseTest
@SpringBootTest(classes = { CoreTestApplication.class, ImportEventsCollector.class },
        properties = { "lux.imports.batch-size=2", "lux.imports.progress-interval=0s", "lux.delivery.enabled=false",
                "spring.datasource.hikari.maximum-pool-size=3", ContactImportTest.SPOOL })
class ContactImportTest {

    /**
     * Each context spools uploads in its own folder: a sweep must never see another test
     * run's files.
     */
    static final String SPOOL = "lux.imports.spool-directory=target/import-spool-${random.uuid}";
    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    @Autowired
    ContactImportService imports;

    @Autowired
    ContactService contacts;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    AuditService audit;

    @Autowired
    ImportEventsCollector events;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        events.events.clear();
    }

    static ImportRequest fixture(String name, ImportMode mode, String... tags) {
        return new ImportRequest(name, () -> resource(name), Set.of(tags), mode);
    }

    static InputStream resource(String name) {
        InputStream in = ContactImportTest.class.getResourceAsStream("/imports/" + name);
        if (in == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        return in;
    }

    private ContactView contact(String email) {
        return contacts.findByEmail(email).orElseThrow(() -> new AssertionError("no contact " + email));
    }

    private long contactCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
    }

    @Test
    void bomSemicolonsAndGermanHeadersImportWithUmlautsAndConsent() {
        ImportJob job = imports.importNow(fixture("bom-semicolon.csv", ImportMode.ADD_NEW_ONLY, "Messe 2025"), MIA);

        assertThat(job.status()).isEqualTo(ImportStatus.FINISHED);
        assertThat(List.of(job.created(), job.updated(), job.skipped(), job.invalid(), job.rowsDone()))
            .containsExactly(3L, 0L, 0L, 0L, 3L);
        ContactView juergen = contact("juergen@example.de");
        assertThat(juergen.firstName()).isEqualTo("Jürgen");
        assertThat(juergen.lastName()).isEqualTo("Müller");
        assertThat(juergen.company()).isEqualTo("Müller & Söhne GmbH");
        assertThat(juergen.attributes()).containsExactly(Map.entry("stadt", "Köln"));
        assertThat(juergen.tags()).containsExactly("messe 2025");
        assertThat(juergen.status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(juergen.consentSource())
            .isEqualTo("import #" + job.id() + " of bom-semicolon.csv by mia@lux.test via TEAMS");
        assertThat(juergen.consentAt()).isNotNull();
        assertThat(contact("anna@example.de").lastName()).isEqualTo("Schmidt; geb. Weber");
        assertThat(contact("anna@example.de").company()).isNull();
        assertThat(contact("zoe@example.de").firstName()).isEqualTo("Zoë");
        assertThat(imports.errorReport(job.id())).isEmpty();
        assertThat(audit.forTarget("contact_import", job.id())).extracting(e -> e.getAction())
            .containsExactly("contact.import.start", "contact.import");
    }

    @Test
    void quotedFieldsKeepCommasNewlinesAndQuotesAndLaterLinesAreNumberedRight() {
        ImportJob job = imports.importNow(fixture("quoted-newlines.csv", ImportMode.ADD_NEW_ONLY), MIA);

        assertThat(List.of(job.created(), job.invalid())).containsExactly(3L, 1L);
        assertThat(contact("ada@example.com").company()).isEqualTo("Analytical Engines, Ltd");
        assertThat(contact("ada@example.com").attributes()).containsEntry("notes",
                "Met at the fair.\nWants the newsletter.");
        assertThat(contact("grace@example.com").company()).isEqualTo("Navy \"Research\" Lab");
        assertThat(contact("grace@example.com").attributes()).containsEntry("notes", "Line one\nLine two\nLine three");
        assertThat(imports.errorReport(job.id()))
            .hasValueSatisfying(report -> assertThat(report.lines().toList()).containsExactly("line,email,problem",
                    "8,not-an-address,\"\"\"not-an-address\"\" is not a valid email address.\""));
    }

    @Test
    void addressesDifferingInCaseAreOneContactFirstRowWins() {
        ImportJob job = imports.importNow(fixture("duplicates-case.csv", ImportMode.UPDATE_EXISTING), MIA);

        assertThat(List.of(job.created(), job.updated(), job.skipped(), job.invalid())).containsExactly(3L, 0L, 3L, 0L);
        assertThat(contactCount()).isEqualTo(3);
        assertThat(contact("ada@example.com").firstName()).isEqualTo("Ada");
        assertThat(contact("bob@example.com").firstName()).isEqualTo("Bob");
    }

    @Test
    void invalidRowsAreReportedWithLineAndReasonWhileValidRowsImport() {
        ImportJob job = imports.importNow(fixture("invalid-rows.csv", ImportMode.ADD_NEW_ONLY), MIA);

        assertThat(job.status()).isEqualTo(ImportStatus.FINISHED);
        assertThat(List.of(job.created(), job.invalid(), job.skipped(), job.rowsDone())).containsExactly(3L, 6L, 0L,
                9L);
        assertThat(jdbc.queryForList("SELECT email FROM contact ORDER BY email", String.class))
            .containsExactly("good1@example.com", "good2@example.com", "good3@example.com");
        assertThat(job.hasErrorReport()).isTrue();
        List<String> report = imports.errorReport(job.id()).orElseThrow().lines().toList();
        assertThat(report).hasSize(7);
        assertThat(report.get(0)).isEqualTo("line,email,problem");
        assertThat(report.get(1)).startsWith("4,not an email,").contains("is not a valid email address");
        assertThat(report.get(2)).isEqualTo("5,,The email column is empty.");
        assertThat(report.get(3)).isEqualTo("6,long@example.com,The first name is longer than 100 characters.");
        assertThat(report.get(4)).startsWith("7,short@example.com,\"The row has 2 columns but the header has 3.");
        assertThat(report.get(5)).startsWith("8,extra@example.com,\"The row has 4 columns but the header has 3.");
        assertThat(report.get(6)).startsWith("11,trailing@example,").contains("not a valid email address");
    }

    @Test
    void windows1252FilesAreRecognised() {
        ImportJob job = imports.importNow(fixture("windows-1252.csv", ImportMode.ADD_NEW_ONLY), MIA);

        assertThat(job.created()).isEqualTo(1);
        ContactView rene = contact("rene@example.fr");
        assertThat(rene.firstName()).isEqualTo("René");
        assertThat(rene.lastName()).isEqualTo("Lefèvre");
        assertThat(rene.company()).isEqualTo("Café € Crème");
    }

    @Test
    void tabSeparatedFilesWithEnglishSynonymsImport() {
        ImportJob job = imports.importNow(fixture("tabs.tsv", ImportMode.ADD_NEW_ONLY), MIA);

        assertThat(job.created()).isEqualTo(2);
        ContactView mia = contact("mia@example.com");
        assertThat(List.of(mia.firstName(), mia.lastName(), mia.company())).containsExactly("Mia", "Wong", "ACME");
        assertThat(mia.attributes()).containsExactly(Map.entry("plan", "gold"));
        assertThat(contact("sam@example.com").company()).isNull();
    }

    @Test
    void aBinaryFileFailsWithOneClearErrorAndImportsNothing() {
        ImportJob job = imports.importNow(fixture("binary.bin", ImportMode.ADD_NEW_ONLY), MIA);

        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.failure()).isEqualTo("This file is a binary file, not a CSV text file. "
                + "Open it in your spreadsheet program, save it as \"CSV UTF-8\" and import that file.");
        assertThat(List.of(job.created(), job.invalid(), job.rowsDone())).containsExactly(0L, 0L, 0L);
        assertThat(contactCount()).isZero();
        assertThat(events.of(job.id())).last()
            .isEqualTo(new ImportEvent.Finished(job.id(), null, "binary.bin", 0, 0, 0, 0, false, job.failure()));
    }

    @Test
    void aCsvWithoutAnEmailColumnIsRefusedNamingTheHeader() {
        ImportJob job = imports.importNow(fixture("no-email-column.csv", ImportMode.ADD_NEW_ONLY), MIA);

        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.failure()).startsWith("No email column found in the header row (\"name,phone\").");
    }

    @Test
    void aTenMegabyteFieldMakesOnlyItsRowInvalid() {
        String big = "x".repeat(10 * 1024 * 1024);
        byte[] file = ("email,notes\nfirst@example.com,short\nhuge@example.com," + big + "\nlast@example.com,short\n")
            .getBytes(StandardCharsets.UTF_8);

        ImportJob job = imports.importNow(new ImportRequest("huge.csv", ImportSource.of(file), Set.of(), null), MIA);

        assertThat(List.of(job.created(), job.invalid())).containsExactly(2L, 1L);
        assertThat(imports.errorReport(job.id()).orElseThrow())
            .contains("3,huge@example.com,\"The column \"\"notes\"\" is longer than 1000 characters.\"");
    }

    @Test
    void aTenMegabyteSingleLineIsRefusedAsHavingNoEmailColumn(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("one-line.csv");
        Files.writeString(file, "y".repeat(10 * 1024 * 1024));

        ImportJob job = imports.importNow(new ImportRequest(file.toString(), ImportSource.of(file), Set.of(), null),
                MIA);

        assertThat(job.fileName()).isEqualTo("one-line.csv");
        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.failure()).startsWith("No email column found in the header row (\"yyyy").hasSizeLessThan(400);
    }

    @Test
    void existingContactsAreSkippedOrUpdatedByModeAndNeverReactivated() {
        ContactView ada = contacts.create(new NewContact("ada@example.com", "Augusta", "King", "Old Co",
                Map.of("plan", "free", "city", "London"), Set.of("old"), null), MIA);
        contacts.changeStatus(ada.id(), ContactStatus.UNSUBSCRIBED, MIA);
        byte[] file = "email,first name,company,plan\nADA@example.com,Ada,,gold\nnew@example.com,New,,\n"
            .getBytes(StandardCharsets.UTF_8);

        ImportJob addOnly = imports.importNow(
                new ImportRequest("a.csv", ImportSource.of(file), Set.of("spring"), ImportMode.ADD_NEW_ONLY), MIA);
        assertThat(List.of(addOnly.created(), addOnly.updated(), addOnly.skipped())).containsExactly(1L, 0L, 1L);
        assertThat(contact("ada@example.com").firstName()).isEqualTo("Augusta");
        assertThat(contact("ada@example.com").tags()).containsExactly("old");

        ImportJob update = imports.importNow(
                new ImportRequest("b.csv", ImportSource.of(file), Set.of("spring"), ImportMode.UPDATE_EXISTING), MIA);
        assertThat(List.of(update.created(), update.updated(), update.skipped())).containsExactly(0L, 2L, 0L);
        ContactView updated = contact("ada@example.com");
        assertThat(updated.firstName()).isEqualTo("Ada");
        assertThat(updated.company()).isEqualTo("Old Co");
        assertThat(updated.attributes()).containsOnly(Map.entry("plan", "gold"), Map.entry("city", "London"));
        assertThat(updated.tags()).containsExactly("old", "spring");
        assertThat(updated.status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(updated.consentSource()).isEqualTo("added by mia@lux.test via TEAMS");
        assertThat(contact("new@example.com").tags()).containsExactly("spring");
    }

    @Test
    void suppressedAddressesStaySuppressedAfterReImport() {
        suppressions.suppressAddress("bounced@example.com", SuppressionReason.BOUNCED, null, MIA);
        suppressions.suppressDomain("blocked.example", null, MIA);
        suppressions.suppressErased("erased@example.com", MIA);
        byte[] file = ("email\nBounced@Example.com\nanyone@blocked.example\nerased@example.com\nfine@example.com\n")
            .getBytes(StandardCharsets.UTF_8);

        for (ImportMode mode : ImportMode.values()) {
            ImportJob job = imports.importNow(new ImportRequest("again.csv", ImportSource.of(file), Set.of(), mode),
                    MIA);
            assertThat(job.skipped()).isEqualTo(3);
            assertThat(imports.errorReport(job.id()).orElseThrow()).contains(
                    "2,bounced@example.com,\"Not imported: the address is on the suppression list (bounced), so it stays unmailable.\"")
                .contains("3,anyone@blocked.example,")
                // an erased person's address is refused without being written back into
                // LUX by the report
                .contains("4,,\"Not imported: the address is on the suppression list (erased)")
                .doesNotContain("erased@example.com");
        }
        assertThat(jdbc.queryForList("SELECT email FROM contact", String.class)).containsExactly("fine@example.com");
        assertThat(suppressions.isSuppressed("bounced@example.com")).isTrue();
    }

    @Test
    void progressAndFinishedEventsArePublished() {
        long id = imports.start(fixture("duplicates-case.csv", ImportMode.ADD_NEW_ONLY), MIA);
        ImportJob job = awaitDone(id);

        List<ImportEvent> published = events.of(id);
        assertThat(published).hasSizeGreaterThanOrEqualTo(3);
        assertThat(published.subList(0, published.size() - 1))
            .allSatisfy(e -> assertThat(e).isInstanceOf(ImportEvent.Progress.class));
        assertThat(published.stream()
            .filter(ImportEvent.Progress.class::isInstance)
            .map(e -> ((ImportEvent.Progress) e).rowsDone())).isSorted().contains(6L);
        assertThat(published.get(published.size() - 1))
            .isEqualTo(new ImportEvent.Finished(id, null, "duplicates-case.csv", 3, 0, 3, 0, false, null));
        assertThat(job.status()).isEqualTo(ImportStatus.FINISHED);
    }

    @Test
    void aRunningImportCanBeCancelledAndKeepsWhatItWrote() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ImportSource endless = () -> new GatedRows(release);
        long id = imports.start(new ImportRequest("endless.csv", endless, Set.of(), null), MIA);
        awaitProgress(id);

        ImportJob cancelling = imports.cancel(id, MIA);
        assertThat(cancelling.status()).isIn(ImportStatus.RUNNING, ImportStatus.CANCELLED);
        release.countDown();
        ImportJob job = awaitDone(id);

        assertThat(job.status()).isEqualTo(ImportStatus.CANCELLED);
        assertThat(job.created()).isPositive().isLessThan(GatedRows.TOTAL).isEqualTo(contactCount());
        assertThat(events.of(id)).last()
            .isInstanceOfSatisfying(ImportEvent.Finished.class, f -> assertThat(f.cancelled()).isTrue());
        assertThatThrownBy(() -> imports.cancel(id, MIA)).hasMessageContaining("has already cancelled");
        assertThat(audit.forTarget("contact_import", id)).extracting(e -> e.getAction())
            .contains("contact.import.cancel");
    }

    @Test
    void requestsAreValidated() {
        assertThatThrownBy(() -> new ImportRequest(" ", ImportSource.of(new byte[0]), Set.of(), null))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("file name");
        ImportRequest request = new ImportRequest("C:\\Users\\mia\\list.csv", ImportSource.of(new byte[0]),
                Set.of(" VIP "), null);
        assertThat(request.fileName()).isEqualTo("list.csv");
        assertThat(request.tags()).containsExactly("vip");
        assertThat(request.mode()).isEqualTo(ImportMode.ADD_NEW_ONLY);
        ImportJob empty = imports.importNow(request, MIA);
        assertThat(empty.failure()).startsWith("The file is empty.");
    }

    private ImportJob awaitDone(long id) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            ImportJob job = imports.get(id);
            if (job.status().done() && events.of(id).stream().anyMatch(ImportEvent.Finished.class::isInstance)) {
                return job;
            }
            sleep();
        }
        throw new AssertionError("import " + id + " did not finish: " + imports.get(id));
    }

    private void awaitProgress(long id) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (events.of(id).stream().noneMatch(ImportEvent.Progress.class::isInstance)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no progress from import " + id);
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A CSV of {@link #TOTAL} rows that pauses after the first 100 (past the sniffed
     * sample) until the test lets it go on.
     */
    static final class GatedRows extends InputStream {

        static final long TOTAL = 1000;

        private static final String NOTES = "n".repeat(900);

        private final java.util.concurrent.CountDownLatch release;

        private byte[] current = "email,notes\n".getBytes(StandardCharsets.US_ASCII);

        private int position;

        private long row;

        GatedRows(java.util.concurrent.CountDownLatch release) {
            this.release = release;
        }

        @Override
        public int read() {
            if (position == current.length) {
                if (row == TOTAL) {
                    return -1;
                }
                if (row == 100) {
                    try {
                        release.await();
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UncheckedIOException(new IOException("interrupted"));
                    }
                }
                current = ("row" + row++ + "@example.com," + NOTES + "\n").getBytes(StandardCharsets.US_ASCII);
                position = 0;
            }
            return current[position++];
        }

    }

}
