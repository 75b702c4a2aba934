package lux.imports;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** Refuses a file with an absurdly long line before the CSV parser buffers it, so memory stays bounded. */
final class LineLimitReader extends FilterReader {
    private final int maxLineChars;
    private long line = 1;
    private long lineLength;

    LineLimitReader(Reader in, int maxLineChars) {
        super(in);
        this.maxLineChars = maxLineChars;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    private void count(char c) {
        if (c == '\n') {
            line++;
            lineLength = 0;
        } else if (++lineLength > maxLineChars) {
            throw new ImportRefusedException("Line " + line + " is longer than " + maxLineChars
                    + " characters, so this does not look like a contact list (or a quote is never closed). "
                    + (line == 1 ? "" : "Rows before it were imported; ") + "check the file and import it again.");
        }
    }
}
