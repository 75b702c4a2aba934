package lux.imports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import lux.shared.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows an import did not take, as CSV (line, email, problem), capped so a hopeless file cannot fill memory:
 * rows beyond the cap are counted in a last line. Cells are safe to open in a spreadsheet: control characters are
 * dropped and a cell that would start a formula gets a leading quote ({@link CsvCells}).
 */
final class ErrorReport {
    private static final int MAX_EMAIL_SHOWN = 120;
    private final StringWriter text = new StringWriter();
    private final CSVPrinter printer;
    private final int limit;
    private long listed;
    private long unlisted;

    ErrorReport(int limit) {
        this.limit = limit;
        try {
            this.printer = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setHeader("line", "email", "problem").get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(long line, String email, String problem) {
        if (listed >= limit) {
            unlisted++;
            return;
        }
        listed++;
        try {
            String clean = email == null ? "" : ControlChars.strip(email);
            String shown = clean.length() <= MAX_EMAIL_SHOWN ? clean : clean.substring(0, MAX_EMAIL_SHOWN) + "...";
            printer.printRecord(line, CsvCells.neutralise(shown), CsvCells.neutralise(ControlChars.strip(problem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isEmpty() {
        return listed == 0;
    }

    String text() {
        try {
            if (unlisted > 0) {
                printer.printRecord("", "", unlisted + " more rows were not imported; fix the rows above and import the file again to see them.");
                unlisted = 0;
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
