package lux.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The socket's bytes under a total deadline: every read may wait only for what is left of
 * the time, so a server dripping one byte at a time is cut off when the deadline passes.
 * Closing it closes the connection.
 */
final class FetchedStream extends InputStream {

    private final Socket socket;

    private final InputStream in;

    private final long deadlineNanos;

    private final String limit;

    FetchedStream(Socket socket, long deadlineNanos, String limit) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadlineNanos = deadlineNanos;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw tooSlow();
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
        try {
            return in.read(buffer, offset, length);
        }
        catch (SocketTimeoutException e) {
            throw tooSlow();
        }
    }

    ImportRefusedException tooSlow() {
        return new ImportRefusedException(
                "The file did not arrive within " + limit + " (lux.imports.fetch-timeout), so LUX "
                        + "stopped downloading it. Try again, or upload the file in the console.");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
