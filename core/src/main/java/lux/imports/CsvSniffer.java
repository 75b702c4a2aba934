package lux.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Looks at the first bytes of a file to decide how to read it: the encoding (byte order
 * mark, else UTF-8 when the sample is valid UTF-8, else Windows-1252 as saved by older
 * Excel) and the delimiter of the header line. Files that are clearly not text are
 * refused here, with one message.
 */
final class CsvSniffer {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final int SAMPLE = 64 * 1024;

    record Sniffed(Reader reader, Charset charset, char delimiter) {
    }

    private CsvSniffer() {
    }

    static Sniffed sniff(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SAMPLE);
        in.mark(SAMPLE + 1);
        byte[] sample = in.readNBytes(SAMPLE);
        in.reset();
        int n = sample.length;
        if (n == 0) {
            throw new ImportRefusedException(
                    "The file is empty. Export your list as CSV with a header row and an email column.");
        }
        Charset charset;
        int bom = 0;
        if (n >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        }
        else if (n >= 2 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        }
        else if (n >= 2 && (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        }
        else {
            refuseBinary(sample);
            charset = isUtf8(sample, n < SAMPLE) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        in.skipNBytes(bom);
        String text = new String(sample, bom, n - bom, charset);
        return new Sniffed(new InputStreamReader(in, charset), charset, delimiterOf(text));
    }

    private static void refuseBinary(byte[] sample) {
        String what = null;
        if (startsWith(sample, 'P', 'K', 3, 4)) {
            what = "a ZIP archive or an Excel workbook (.xlsx)";
        }
        else if (startsWith(sample, '%', 'P', 'D', 'F')) {
            what = "a PDF document";
        }
        else if (startsWith(sample, 0xD0, 0xCF, 0x11, 0xE0)) {
            what = "an old Excel workbook (.xls)";
        }
        else {
            // Binary data is full of control bytes; a text file may carry a few stray
            // NULs, which the import strips
            // or reports per row rather than refusing the whole file.
            int control = 0;
            for (byte b : sample) {
                if ((b >= 0 && b < 0x09) || (b > 0x0D && b < 0x20)) {
                    control++;
                }
            }
            if (control > 16 && control * 20L > sample.length) {
                what = "a binary file";
            }
        }
        if (what != null) {
            throw new ImportRefusedException("This file is " + what + ", not a CSV text file. "
                    + "Open it in your spreadsheet program, save it as \"CSV UTF-8\" and import that file.");
        }
    }

    private static boolean startsWith(byte[] sample, int... prefix) {
        if (sample.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((sample[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // A sample cut in the middle of a multi-byte character is still UTF-8: only complete
    // malformed sequences count.
    private static boolean isUtf8(byte[] sample, boolean complete) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(sample.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(sample), out, complete);
        if (result.isError()) {
            return false;
        }
        if (complete) {
            try {
                return !decoder.flush(out).isError();
            }
            catch (IllegalStateException e) {
                return true;
            }
        }
        return true;
    }

    /**
     * The delimiter used most often outside quotes on the first non-blank line: comma,
     * semicolon or tab.
     */
    static char delimiterOf(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            }
            else if (!quoted && c == ',') {
                commas++;
            }
            else if (!quoted && c == ';') {
                semicolons++;
            }
            else if (!quoted && c == '\t') {
                tabs++;
            }
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

}
