package lux.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import lux.audit.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The contact_import table: one row per import job with its status, counts and error
 * report.
 */
@Component
class ImportJobStore {

    private static final String COLUMNS = "id, file_name, mode, tags, status, user_id, user_name, rows_done, created, updated, "
            + "skipped, invalid, failure, error_report IS NOT NULL AS has_report, created_at, started_at, finished_at";

    private static final RowMapper<ImportJob> JOB = ImportJobStore::job;

    private final JdbcTemplate jdbc;

    ImportJobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ImportRequest request, Actor actor, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(
                    "INSERT INTO contact_import (file_name, mode, tags, status, user_id, "
                            + "user_name, created_at, heartbeat_at) VALUES (?, ?, ?, 'QUEUED', ?, ?, ?, ?)",
                    new String[] { "id" });
            ps.setString(1, request.fileName());
            ps.setString(2, request.mode().name());
            ps.setString(3, request.tags().isEmpty() ? null : String.join(",", request.tags()));
            ps.setObject(4, actor.userId());
            ps.setString(5, actor.name());
            ps.setObject(6, ContactBatchWriter.utc(now));
            ps.setObject(7, ContactBatchWriter.utc(now));
            return ps;
        }, key);
        return key.getKeyAs(Number.class).longValue();
    }

    void markRunning(long id, Instant now) {
        jdbc.update("UPDATE contact_import SET status = 'RUNNING', started_at = ?, heartbeat_at = ? WHERE id = ?",
                ContactBatchWriter.utc(now), ContactBatchWriter.utc(now), id);
    }

    void progress(long id, ImportCounts counts) {
        jdbc.update(
                "UPDATE contact_import SET rows_done = ?, created = ?, updated = ?, skipped = ?, invalid = ? WHERE id = ?",
                counts.rowsDone(), counts.created(), counts.updated(), counts.skipped(), counts.invalid(), id);
    }

    void finish(long id, ImportStatus status, ImportCounts counts, String failure, String report, Instant now) {
        jdbc.update(
                "UPDATE contact_import SET status = ?, rows_done = ?, created = ?, updated = ?, skipped = ?, invalid = ?, "
                        + "failure = ?, error_report = ?, finished_at = ? WHERE id = ?",
                status.name(), counts.rowsDone(), counts.created(), counts.updated(), counts.skipped(),
                counts.invalid(), failure == null ? null : shorten(ControlChars.strip(failure)), report,
                ContactBatchWriter.utc(now), id);
    }

    private static String shorten(String failure) {
        return failure.length() > 1000 ? failure.substring(0, 997) + "..." : failure;
    }

    /** This instance still works on these imports. */
    void heartbeat(Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE contact_import SET heartbeat_at = ? WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
                ids.stream().map(id -> new Object[] { ContactBatchWriter.utc(now), id }).toList());
    }

    /**
     * Records a cancel for whichever instance runs the import; false when it is no longer
     * queued or running.
     */
    boolean requestCancel(long id, Instant now) {
        return jdbc
            .update("UPDATE contact_import SET cancel_requested_at = COALESCE(cancel_requested_at, ?) WHERE id = ? "
                    + "AND status IN ('QUEUED', 'RUNNING')", ContactBatchWriter.utc(now), id) == 1;
    }

    /** Which of these imports someone asked to cancel (perhaps on another instance). */
    List<Long> cancelRequested(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT id FROM contact_import WHERE cancel_requested_at IS NOT NULL AND id IN ("
                        + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")",
                Long.class, ids.toArray());
    }

    /**
     * Queued or running imports nobody has said anything about since {@code silentSince}:
     * their instance stopped.
     */
    List<ImportJob> abandoned(Instant silentSince) {
        return jdbc.query("SELECT " + COLUMNS + " FROM contact_import WHERE status IN ('QUEUED', 'RUNNING') "
                + "AND (heartbeat_at IS NULL OR heartbeat_at < ?)", JOB, ContactBatchWriter.utc(silentSince));
    }

    /**
     * Marks an abandoned import FAILED unless it spoke up meanwhile; true when it was
     * marked.
     */
    boolean markAbandoned(long id, String failure, Instant silentSince, Instant now) {
        return jdbc.update(
                "UPDATE contact_import SET status = 'FAILED', failure = ?, finished_at = ? WHERE id = ? "
                        + "AND status IN ('QUEUED', 'RUNNING') AND (heartbeat_at IS NULL OR heartbeat_at < ?)",
                failure, ContactBatchWriter.utc(now), id, ContactBatchWriter.utc(silentSince)) == 1;
    }

    Optional<ImportJob> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM contact_import WHERE id = ?", JOB, id).stream().findFirst();
    }

    List<ImportJob> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM contact_import ORDER BY id DESC LIMIT ?", JOB, limit);
    }

    /** Copies the stored report to {@code out}; false when the job has none. */
    boolean copyReport(long id, Writer out) {
        Boolean found = jdbc.query("SELECT error_report FROM contact_import WHERE id = ?", rs -> {
            if (!rs.next()) {
                return false;
            }
            try (Reader report = rs.getCharacterStream(1)) {
                if (report == null) {
                    return false;
                }
                report.transferTo(out);
                return true;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, id);
        return Boolean.TRUE.equals(found);
    }

    private static ImportJob job(ResultSet rs, int row) throws SQLException {
        String tags = rs.getString("tags");
        long userId = rs.getLong("user_id");
        Long user = rs.wasNull() ? null : userId;
        return new ImportJob(rs.getLong("id"), rs.getString("file_name"), ImportMode.valueOf(rs.getString("mode")),
                tags == null ? List.of() : Arrays.asList(tags.split(",")), ImportStatus.valueOf(rs.getString("status")),
                user, rs.getString("user_name"), rs.getLong("rows_done"), rs.getLong("created"), rs.getLong("updated"),
                rs.getLong("skipped"), rs.getLong("invalid"), rs.getString("failure"), rs.getBoolean("has_report"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

}
