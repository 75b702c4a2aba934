package lux.imports;

import java.io.IOException;
import java.io.InputStream;

/**
 * An HTTP/1.1 response body (Content-Length, chunked, or up to the end of the connection)
 * that stops with a clear error as soon as it passes the size cap, whatever the server
 * announced: the bytes are counted as they arrive.
 */
final class FetchedBody extends InputStream {

    private static final int MAX_CHUNK_LINE = 1024;

    private final InputStream in;

    private final long maxBytes;

    private final String maxShown;

    private final boolean chunked;

    private long remainingInPart; // fixed length: bytes left; chunked: bytes left in this
                                  // chunk

    private boolean finished;

    private long total;

    /** {@code length} -1 = read to the end of the connection (unless chunked). */
    FetchedBody(InputStream in, long length, boolean chunked, long maxBytes, String maxShown) {
        this.in = in;
        this.chunked = chunked;
        this.maxBytes = maxBytes;
        this.maxShown = maxShown;
        this.remainingInPart = chunked ? 0 : length;
    }

    static ImportRefusedException tooLarge(String maxShown) {
        return new ImportRefusedException(
                "The file is larger than " + maxShown + " (lux.imports.max-file-size), so LUX stopped "
                        + "downloading it. Split the list into smaller files and import them one by one.");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (finished || (!chunked && remainingInPart == 0)) {
            return -1;
        }
        if (chunked && remainingInPart == 0) {
            remainingInPart = nextChunkSize();
            if (remainingInPart == 0) {
                finished = true;
                return -1;
            }
        }
        int wanted = remainingInPart < 0 ? length : (int) Math.min(length, remainingInPart);
        int n = in.read(buffer, offset, wanted);
        if (n < 0) {
            if (remainingInPart > 0) {
                throw new ImportRefusedException(
                        "The download broke off before the end of the file. Attach the file again.");
            }
            finished = true;
            return -1;
        }
        if (remainingInPart > 0) {
            remainingInPart -= n;
            if (chunked && remainingInPart == 0) {
                endOfLine();
            }
        }
        total += n;
        if (total > maxBytes) {
            throw tooLarge(maxShown);
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = line();
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        }
        catch (NumberFormatException e) {
            throw garbled();
        }
        if (size < 0) {
            throw garbled();
        }
        if (size == 0) {
            while (!line().isEmpty()) {
                // trailer fields: read and ignored
            }
        }
        return size;
    }

    private void endOfLine() throws IOException {
        if (!line().isEmpty()) {
            throw garbled();
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ImportRefusedException(
                        "The download broke off before the end of the file. Attach the file again.");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= MAX_CHUNK_LINE) {
                throw garbled();
            }
            line.append((char) b);
        }
    }

    private static ImportRefusedException garbled() {
        return new ImportRefusedException("The server sent the file in a broken format. Attach the file again.");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

}
