package lux.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.shared.EmailAddress;
import lux.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One pass over a CSV file: sniff encoding and delimiter, map the header, validate each row, and write valid rows
 * in batches (one transaction each, so a cancelled or failed import keeps what it wrote and memory stays flat).
 */
@Component
class ContactImporter {
    private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);

    private final ContactBatchWriter writer;
    private final ImportJobStore jobs;
    private final TransactionTemplate tx;
    private final ImportProperties properties;
    private final Clock clock;

    ContactImporter(ContactBatchWriter writer, ImportJobStore jobs, TransactionTemplate tx, ImportProperties properties, Clock clock) {
        this.writer = writer;
        this.jobs = jobs;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    record Outcome(ImportStatus status, ImportCounts counts, String failure, String report) {
    }

    Outcome run(long importId, ImportRequest request, Actor actor, BooleanSupplier cancelled, Consumer<ImportCounts> afterBatch) {
        Run run = new Run(importId, request, actor, cancelled, afterBatch);
        ImportStatus status = ImportStatus.FINISHED;
        String failure = null;
        try {
            if (cancelled.getAsBoolean()) {
                status = ImportStatus.CANCELLED;
            } else if (!run.execute()) {
                status = ImportStatus.CANCELLED;
            }
        } catch (ImportRefusedException e) {
            status = ImportStatus.FAILED;
            failure = e.getMessage();
        } catch (IOException | UncheckedIOException e) {
            status = ImportStatus.FAILED;
            failure = run.readFailure(e);
        } catch (RuntimeException e) {
            log.error("Import {} of {} stopped unexpectedly", importId, request.fileName(), e);
            status = ImportStatus.FAILED;
            failure = "The import stopped at line " + run.line + " because of an internal error (" + e.getClass().getSimpleName()
                    + "). Rows before it were imported; importing the file again with \"update existing\" finishes it.";
        }
        return new Outcome(status, run.counts(), failure, run.report.isEmpty() ? null : run.report.text());
    }

    /** The state of one import while it reads the file. */
    private final class Run {
        private final long importId;
        private final ImportRequest request;
        private final BooleanSupplier cancelled;
        private final Consumer<ImportCounts> afterBatch;
        private final String consentSource;
        private final ErrorReport report = new ErrorReport(properties.errorReportLimit());
        private final Map<String, ContactRow> batch = new LinkedHashMap<>();
        private List<Long> tagIds = List.of();
        private HeaderMapping header;
        private long line;
        private long rowsDone;
        private long created;
        private long updated;
        private long skipped;
        private long invalid;

        Run(long importId, ImportRequest request, Actor actor, BooleanSupplier cancelled, Consumer<ImportCounts> afterBatch) {
            this.importId = importId;
            this.request = request;
            this.cancelled = cancelled;
            this.afterBatch = afterBatch;
            String source = "import #" + importId + " of " + request.fileName() + " by " + actor.name() + " via " + actor.channel();
            this.consentSource = source.length() > 500 ? source.substring(0, 500) : source;
        }

        /** Returns false when cancelled before the end of the file. */
        boolean execute() throws IOException {
            Instant started = clock.instant();
            if (!request.tags().isEmpty()) {
                tagIds = tx.execute(s -> writer.ensureTags(request.tags(), started));
            }
            try (InputStream in = request.source().open()) {
                CsvSniffer.Sniffed sniffed = CsvSniffer.sniff(in);
                CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(sniffed.delimiter()).setIgnoreEmptyLines(false).get();
                CsvLimitReader limited = new CsvLimitReader(sniffed.reader(), sniffed.delimiter(), properties.maxRecordChars(),
                        properties.maxFieldChars());
                try (CSVParser parser = CSVParser.builder().setReader(limited).setFormat(format).get()) {
                    if (!readRows(parser)) {
                        return false;
                    }
                } catch (ImportRefusedException e) {
                    flush(); // the rows read before the refusal are valid: keep them, as the message says
                    throw e;
                }
            }
            if (header == null) {
                throw new ImportRefusedException("The file has no rows, not even a header. Export your list as CSV with a header row and an email column.");
            }
            flush();
            return true;
        }

        /** Reads every row; false when cancelled before the end of the file. */
        private boolean readRows(CSVParser parser) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    return true;
                }
                CSVRecord record = records.next();
                if (CsvRows.isBlank(record)) {
                    continue;
                }
                if (header == null) {
                    header = HeaderMapping.of(record.toList().stream().map(ControlChars::strip).toList());
                    continue;
                }
                rowsDone++;
                accept(record);
                if (cancelled.getAsBoolean()) { // per row: a cancel stops the import now, not a batch later
                    flush();
                    return false;
                }
                if (batch.size() >= properties.batchSize()) {
                    flush();
                }
            }
        }

        private void accept(CSVRecord record) {
            int columns = header.columns();
            if (record.size() < columns || (record.size() > columns && !CsvRows.blankFrom(record, columns))) {
                reject(record, "The row has " + record.size() + " columns but the header has " + columns
                        + ". Check for a missing or extra delimiter, or a quote that is not closed.");
                return;
            }
            String rawEmail = record.get(header.emailColumn()).strip();
            if (rawEmail.isEmpty()) {
                reject(record, "The email column is empty.");
                return;
            }
            if (ControlChars.contains(rawEmail)) {
                reject(record, "The email address contains a control character (such as NUL), which no address has. "
                        + "Fix the row and import it again.");
                return;
            }
            String email;
            try {
                email = EmailAddress.normalise(rawEmail);
            } catch (InvalidInputException e) {
                reject(record, e.getMessage());
                return;
            }
            String firstName = null;
            String lastName = null;
            String company = null;
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < columns; i++) {
                String value = CsvRows.unquoteFormula(ControlChars.strip(record.get(i)).strip());
                if (value.isEmpty()) {
                    continue;
                }
                switch (header.field(i)) {
                    case FIRST_NAME -> firstName = value;
                    case LAST_NAME -> lastName = value;
                    case COMPANY -> company = value;
                    case ATTRIBUTE -> attributes.put(header.attributeName(i), value);
                    default -> { }
                }
            }
            String problem = CsvRows.tooLong("first name", firstName, ContactService.MAX_NAME);
            problem = problem != null ? problem : CsvRows.tooLong("last name", lastName, ContactService.MAX_NAME);
            problem = problem != null ? problem : CsvRows.tooLong("company", company, ContactService.MAX_COMPANY);
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                problem = problem != null ? problem : CsvRows.tooLong("column \"" + a.getKey() + "\"", a.getValue(), ContactService.MAX_ATTRIBUTE_VALUE);
            }
            if (problem != null) {
                invalid++;
                report.add(line, email, problem);
                return;
            }
            if (batch.putIfAbsent(email, new ContactRow(line, email, firstName, lastName, company, attributes)) != null) {
                skipped++; // the same address earlier in this batch: the first row wins
            }
        }

        private void reject(CSVRecord record, String problem) {
            invalid++;
            String email = header.emailColumn() < record.size() ? record.get(header.emailColumn()).strip() : "";
            report.add(line, email, problem);
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<ContactRow> rows = new ArrayList<>(batch.values());
            batch.clear();
            Instant now = clock.instant();
            ContactBatchWriter.Outcome outcome = tx.execute(s -> {
                ContactBatchWriter.Outcome o = writer.write(rows, importId, request.mode(), tagIds, consentSource, now);
                jobs.progress(importId, new ImportCounts(rowsDone, created + o.created(), updated + o.updated(),
                        skipped + o.skipped(), invalid));
                return o;
            });
            created += outcome.created();
            updated += outcome.updated();
            skipped += outcome.skipped();
            for (ContactBatchWriter.Suppressed s : outcome.suppressed()) {
                // an erased person's address is not written back into LUX by the report that refuses it
                boolean erased = s.reason() == lux.suppression.SuppressionReason.ERASED;
                report.add(s.row().line(), erased ? "" : s.row().email(), "Not imported: the address is on the suppression list ("
                        + s.reason().name().toLowerCase(Locale.ROOT) + "), so it stays unmailable.");
            }
            afterBatch.accept(counts());
        }

        ImportCounts counts() {
            return new ImportCounts(rowsDone, created, updated, skipped, invalid);
        }

        String readFailure(Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "The file could not be read past line " + line + ": " + why + ". "
                    + (created + updated > 0 ? "Rows before it were imported; fix the file and import it again." : "Fix the file and import it again.");
        }
    }
}
