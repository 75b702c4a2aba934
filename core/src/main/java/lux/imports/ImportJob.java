package lux.imports;

import java.time.Instant;
import java.util.List;

/**
 * An import as callers see it. Counts: {@code created} new contacts, {@code updated}
 * existing ones, {@code skipped} rows left alone (existing in "add new only" mode,
 * repeated in the file, suppressed address), {@code invalid} rows listed in the error
 * report. {@code failure} says why a FAILED import stopped.
 */
public record ImportJob(long id, String fileName, ImportMode mode, List<String> tags, ImportStatus status, Long userId,
        String userName, long rowsDone, long created, long updated, long skipped, long invalid, String failure,
        boolean hasErrorReport, Instant createdAt, Instant startedAt, Instant finishedAt) {
}
