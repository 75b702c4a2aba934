package lux.tracking;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes timestamptz literals for COPY ("2026-11-26 06:00:07.123456+00") without
 * Instant.toString's formatter objects, which were a sixth of all memory a tracking hit
 * allocated: the date-hour-minute prefix is formatted once a minute, seconds and
 * microseconds are appended as digits. Not thread-safe (one per writer).
 */
final class CopyTimestamps {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:")
        .withZone(ZoneOffset.UTC);

    private long prefixMinute = Long.MIN_VALUE;

    private String minutePrefix;

    void append(StringBuilder out, Instant at) {
        long second = at.getEpochSecond();
        long minute = Math.floorDiv(second, 60);
        if (minute != prefixMinute) {
            minutePrefix = MINUTE.format(Instant.ofEpochSecond(minute * 60));
            prefixMinute = minute;
        }
        out.append(minutePrefix);
        int s = (int) (second - minute * 60);
        out.append((char) ('0' + s / 10)).append((char) ('0' + s % 10)).append('.');
        int micros = at.getNano() / 1000;
        for (int div = 100_000; div > 0; div /= 10) {
            out.append((char) ('0' + micros / div % 10));
        }
        out.append("+00");
    }

}
