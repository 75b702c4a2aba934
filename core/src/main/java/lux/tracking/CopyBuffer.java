package lux.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * PostgreSQL COPY text-format rows written straight to UTF-8 bytes in a buffer that is
 * reused batch after batch: the StringBuilder, its String and the String's bytes it
 * replaces were three copies of every batch. Fields are tab-separated, NULL is \N,
 * backslashes are escaped and control characters become spaces. Not thread-safe.
 */
final class CopyBuffer {

    private final CopyTimestamps timestamps = new CopyTimestamps();

    private static final int INITIAL = 64 * 1024;

    /**
     * A batch of long non-ASCII user agents can grow the buffer to megabytes; it is not
     * kept beyond this.
     */
    private static final int KEEP_AT_MOST = 4 * 1024 * 1024;

    private final StringBuilder scratch = new StringBuilder(32);

    private byte[] bytes = new byte[INITIAL];

    private int size;

    CopyBuffer clear() {
        size = 0;
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[INITIAL];
        }
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    CopyBuffer number(long value) {
        if (value == Long.MIN_VALUE) {
            return ascii(Long.toString(value));
        }
        if (value < 0) {
            put((byte) '-');
            value = -value;
        }
        ensure(19);
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        }
        while (value > 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return this;
    }

    CopyBuffer nullableNumber(Long value) {
        return value == null ? ascii("\\N") : number(value);
    }

    /**
     * A value known to need no escaping (an enum name, a literal, a formatted timestamp).
     */
    CopyBuffer ascii(CharSequence value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            bytes[size++] = (byte) value.charAt(i);
        }
        return this;
    }

    CopyBuffer timestamp(Instant at) {
        scratch.setLength(0);
        timestamps.append(scratch, at);
        return ascii(scratch);
    }

    /**
     * Free text, at most {@code max} characters (never splitting a surrogate pair), or
     * \N.
     */
    CopyBuffer text(String value, int max) {
        if (value == null) {
            return ascii("\\N");
        }
        int n = Math.min(value.length(), max);
        if (n < value.length() && n > 0 && Character.isHighSurrogate(value.charAt(n - 1))) {
            n--;
        }
        ensure(n * 3 + 1);
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            if (ch == '\\') {
                bytes[size++] = '\\';
                bytes[size++] = '\\';
            }
            else if (ch < 0x20 || ch == 0x7f) {
                bytes[size++] = ' ';
            }
            else if (ch < 0x80) {
                bytes[size++] = (byte) ch;
            }
            else {
                int end = i + 1;
                if (Character.isHighSurrogate(ch) && end < n && Character.isLowSurrogate(value.charAt(end))) {
                    end++;
                }
                byte[] utf8 = value.substring(i, end).getBytes(StandardCharsets.UTF_8); // rare:
                                                                                        // most
                                                                                        // user
                                                                                        // agents
                                                                                        // are
                                                                                        // ASCII
                ensure(utf8.length + (n - end) * 3);
                System.arraycopy(utf8, 0, bytes, size, utf8.length);
                size += utf8.length;
                i = end - 1;
            }
        }
        return this;
    }

    CopyBuffer tab() {
        return put((byte) '\t');
    }

    CopyBuffer endRow() {
        return put((byte) '\n');
    }

    private CopyBuffer put(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

}
