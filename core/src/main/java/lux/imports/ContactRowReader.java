package lux.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import lux.contacts.ContactService;
import lux.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a contact file row by row: sniffs encoding and delimiter, maps the header, and
 * hands each data row to a {@link Rows} as a valid {@link ContactRow} or as a rejection
 * with its line and reason. It touches no database, so the import can write on another
 * thread and the parser can be measured alone (bench/import-benchmark.sh). The
 * hostile-input limits (record and field length) are applied while reading.
 */
final class ContactRowReader {

    /**
     * Where the rows go. {@link #keepReading()} is asked after every row, so a cancel
     * stops at the next row.
     */
    interface Rows {

        void accepted(ContactRow row);

        void rejected(long line, String email, String problem);

        boolean keepReading();

    }

    private final ImportProperties properties;

    private HeaderMapping header;

    private long line;

    private long rowsDone;

    ContactRowReader(ImportProperties properties) {
        this.properties = properties;
    }

    /** The line being read (1-based): where a failure happened. */
    long line() {
        return line;
    }

    /** Data rows read so far (blank lines and the header not counted). */
    long rowsDone() {
        return rowsDone;
    }

    /**
     * Reads the whole file into {@code rows}; false when {@link Rows#keepReading()} said
     * stop before its end.
     */
    boolean read(InputStream in, Rows rows) throws IOException {
        CsvSniffer.Sniffed sniffed = CsvSniffer.sniff(in);
        CSVFormat format = CSVFormat.DEFAULT.builder()
            .setDelimiter(sniffed.delimiter())
            .setIgnoreEmptyLines(false)
            .get();
        CsvLimitReader limited = new CsvLimitReader(sniffed.reader(), sniffed.delimiter(), properties.maxRecordChars(),
                properties.maxFieldChars());
        try (CSVParser parser = CSVParser.builder().setReader(limited).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
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
                accept(record, rows);
                if (!rows.keepReading()) {
                    return false;
                }
            }
        }
        if (header == null) {
            throw new ImportRefusedException(
                    "The file has no rows, not even a header. Export your list as CSV with a header row and an email column.");
        }
        return true;
    }

    private void accept(CSVRecord record, Rows rows) {
        int columns = header.columns();
        if (record.size() < columns || (record.size() > columns && !CsvRows.blankFrom(record, columns))) {
            reject(record, rows, "The row has " + record.size() + " columns but the header has " + columns
                    + ". Check for a missing or extra delimiter, or a quote that is not closed.");
            return;
        }
        String rawEmail = record.get(header.emailColumn()).strip();
        if (rawEmail.isEmpty()) {
            reject(record, rows, "The email column is empty.");
            return;
        }
        if (ControlChars.contains(rawEmail)) {
            reject(record, rows, "The email address contains a control character (such as NUL), which no address has. "
                    + "Fix the row and import it again.");
            return;
        }
        String email;
        try {
            email = FastAddress.normalise(rawEmail);
        }
        catch (InvalidInputException e) {
            reject(record, rows, e.getMessage());
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
                default -> {
                }
            }
        }
        String problem = CsvRows.tooLong("first name", firstName, ContactService.MAX_NAME);
        problem = problem != null ? problem : CsvRows.tooLong("last name", lastName, ContactService.MAX_NAME);
        problem = problem != null ? problem : CsvRows.tooLong("company", company, ContactService.MAX_COMPANY);
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            problem = problem != null ? problem : CsvRows.tooLong("column \"" + a.getKey() + "\"", a.getValue(),
                    ContactService.MAX_ATTRIBUTE_VALUE);
        }
        if (problem != null) {
            rows.rejected(line, email, problem);
            return;
        }
        rows.accepted(new ContactRow(line, email, firstName, lastName, company, attributes));
    }

    private void reject(CSVRecord record, Rows rows, String problem) {
        String email = header.emailColumn() < record.size() ? record.get(header.emailColumn()).strip() : "";
        rows.rejected(line, email, problem);
    }

}
