package lux.imports;

import lux.shared.CsvCells;
import org.apache.commons.csv.CSVRecord;

/** Small checks on parsed CSV rows and their values, shared by the import's row loop. */
final class CsvRows {

    private CsvRows() {
    }

    static boolean isBlank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    static boolean blankFrom(CSVRecord record, int from) {
        for (int i = from; i < record.size(); i++) {
            if (!record.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Undoes the quote LUX's exports put before a cell that would start a formula, so
     * export and import round-trip.
     */
    static String unquoteFormula(String value) {
        if (value.length() < 2 || value.charAt(0) != '\'') {
            return value;
        }
        String rest = value.substring(1);
        return CsvCells.needsQuote(rest) ? rest : value;
    }

    static String tooLong(String field, String value, int max) {
        return value != null && value.length() > max ? "The " + field + " is longer than " + max + " characters."
                : null;
    }

}
