package lux.shared;

/**
 * CSV cells that are safe to open in a spreadsheet (OWASP "CSV injection"): a cell
 * starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return would
 * be read as a formula, so it gets a leading single quote. Plain numbers such as
 * {@code -5} or a phone number {@code +49 30 1234 567} stay as they are: without letters
 * a formula can call nothing, and the quote would only make them harder to read.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** The value as written to an exported CSV. */
    public static String neutralise(String value) {
        return needsQuote(value) ? "'" + value : value;
    }

    /** Whether a spreadsheet could take the value for a formula. */
    public static boolean needsQuote(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '@' || first == '\t' || first == '\r') {
            return true;
        }
        return (first == '+' || first == '-') && !isPlainNumber(value);
    }

    private static boolean isPlainNumber(String value) {
        boolean digit = false;
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            }
            else if (c != ' ' && c != '.' && c != ',' && c != '(' && c != ')' && c != '/' && c != '-') {
                return false;
            }
        }
        return digit;
    }

}
