package lux.imports;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds what the CSV parser buffers, following quotes as the parser does (RFC 4180, as
 * commons-csv reads it): a record, line breaks inside quotes included, longer than
 * {@code maxRecordChars} refuses the file; a field's characters past
 * {@code maxFieldChars} are dropped before the parser sees them (no contact field is that
 * long, so the row is reported invalid), keeping quotes and line breaks so the structure
 * and line numbers stay right. One pass over the characters the reader hands out anyway:
 * no allocation per row.
 */
final class CsvLimitReader extends FilterReader {

    private static final int FIELD_START = 0;

    private static final int UNQUOTED = 1;

    private static final int QUOTED = 2;

    private static final int QUOTE_IN_QUOTED = 3; // a quote inside quotes: closing, or
                                                  // the first of ""

    private final char delimiter;

    private final long maxRecordChars;

    private final long maxFieldChars;

    private int state = FIELD_START;

    private long line = 1;

    private long recordStartLine = 1;

    private long recordChars;

    private long fieldChars;

    CsvLimitReader(Reader in, char delimiter, int maxRecordChars, int maxFieldChars) {
        super(in);
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
        this.maxFieldChars = maxFieldChars;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (true) {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                return n;
            }
            int kept = offset;
            for (int i = offset; i < offset + n; i++) {
                char c = buffer[i];
                if (keep(c)) {
                    buffer[kept++] = c;
                }
            }
            if (kept > offset) {
                return kept - offset;
            }
        }
    }

    /**
     * Follows the CSV structure one character on; false when the character is dropped.
     */
    private boolean keep(char c) {
        if (c == '\n') {
            line++;
        }
        if (++recordChars > maxRecordChars) {
            throw new ImportRefusedException("The row starting at line " + recordStartLine + " is longer than "
                    + maxRecordChars
                    + " characters (lux.imports.max-record-chars), so this does not look like a contact list: most likely a "
                    + "quote is never closed. " + (recordStartLine == 1 ? "" : "Rows before it were imported; ")
                    + "check the file and import it again.");
        }
        if (state == QUOTE_IN_QUOTED) {
            if (c == '"') {
                state = QUOTED; // "" is one quote of content: kept even past the field
                                // limit, as its first half went out
                fieldChars++;
                return true;
            }
            state = UNQUOTED; // the quote closed the field; what follows is read as
                              // unquoted
        }
        if (state == QUOTED) {
            if (c == '"') {
                state = QUOTE_IN_QUOTED;
                return true;
            }
            return c == '\n' || c == '\r' || content();
        }
        if (c == delimiter) {
            state = FIELD_START;
            fieldChars = 0;
            return true;
        }
        if (c == '\n' || c == '\r') {
            state = FIELD_START;
            fieldChars = 0;
            recordChars = 0;
            recordStartLine = c == '\n' ? line : line + 1;
            return true;
        }
        if (c == '"' && state == FIELD_START) {
            state = QUOTED;
            return true;
        }
        state = UNQUOTED;
        return content();
    }

    private boolean content() {
        return ++fieldChars <= maxFieldChars;
    }

}
