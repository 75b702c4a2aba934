package lux.imports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lux.shared.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows an import did not take, as CSV (line, email, problem) in line order, capped so
 * a hopeless file cannot fill memory: rows beyond the cap are counted in a last line.
 * Cells are safe to open in a spreadsheet: control characters are dropped and a cell that
 * would start a formula gets a leading quote ({@link CsvCells}). Synchronized: the
 * reading thread adds invalid rows while the writing thread adds suppressed ones.
 */
final class ErrorReport {

    private static final int MAX_EMAIL_SHOWN = 120;

    private final List<Entry> entries = new ArrayList<>();

    private final int limit;

    private long unlisted;

    private record Entry(long line, String email, String problem) {
    }

    ErrorReport(int limit) {
        this.limit = limit;
    }

    synchronized void add(long line, String email, String problem) {
        if (entries.size() >= limit) {
            unlisted++;
            return;
        }
        String clean = email == null ? "" : ControlChars.strip(email);
        String shown = clean.length() <= MAX_EMAIL_SHOWN ? clean : clean.substring(0, MAX_EMAIL_SHOWN) + "...";
        entries.add(new Entry(line, shown, problem));
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    synchronized String text() {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text,
                CSVFormat.DEFAULT.builder().setHeader("line", "email", "problem").get())) {
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingLong(Entry::line));
            for (Entry e : sorted) {
                printer.printRecord(e.line(), CsvCells.neutralise(e.email()),
                        CsvCells.neutralise(ControlChars.strip(e.problem())));
            }
            if (unlisted > 0) {
                printer.printRecord("", "", unlisted
                        + " more rows were not imported; fix the rows above and import the file again to see them.");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

}
