package lux.imports;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lux.suppression.SuppressionKind;
import lux.suppression.SuppressionReason;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's way to write a batch (in the caller's transaction): the rows stream into a
 * temporary staging table with {@code COPY ... FROM STDIN}, then a few set-based
 * statements do what {@link ContactBatchWriter} does row by row on H2: find suppressed
 * new addresses (a join, reported by line), update existing contacts ("update existing"),
 * insert the addresses not stored yet (an address written by an earlier batch of this
 * file is skipped; one written by someone else meanwhile is theirs: the insert is made
 * again with {@code ON CONFLICT DO NOTHING}) and tag what was written, in the consent
 * ledger too. Commits do not wait for the WAL flush ({@code synchronous_commit = off}):
 * an import can be run again. The staging table's rows live in the transaction only
 * ({@code ON COMMIT DELETE ROWS}), so pooled connections carry no data over.
 */
final class PostgresContactCopier {

    private static final Logger log = LoggerFactory.getLogger(PostgresContactCopier.class);

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    // The staging table is made once per connection and emptied by every commit (and
    // rollback): creating and dropping it per batch wrote the system catalogues 330
    // times a million rows. PostgreSQL truncates it only after transactions that used
    // it, so the pooled connection's other work pays nothing. The notice "already
    // exists, skipping" is not sent.
    //
    // Lookups by address join a few thousand staged rows to the whole contact table: the
    // planner would hash all of it for every batch (its cost model prefers that to a few
    // thousand index probes), 0.9 s against 0.3 s at 500,000 contacts, growing with the
    // table.
    private static final String PREPARE = "SET LOCAL synchronous_commit = off; SET LOCAL client_min_messages = warning; "
            + "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; "
            + "CREATE TEMP TABLE IF NOT EXISTS lux_import_stage (line BIGINT NOT NULL, email TEXT NOT NULL, "
            + "first_name TEXT, last_name TEXT, company TEXT, attributes TEXT NOT NULL) ON COMMIT DELETE ROWS";

    private static final String COPY = "COPY lux_import_stage (line, email, first_name, last_name, company, attributes) FROM STDIN";

    private static final String SUPPRESSED = "SELECT m.line, m.kind, m.reason FROM ("
            + "SELECT s.line, s.email, p.kind, p.reason FROM lux_import_stage s JOIN suppression p ON p.kind = 'ADDRESS' AND p.entry = s.email "
            + "UNION ALL SELECT s.line, s.email, p.kind, p.reason FROM lux_import_stage s JOIN suppression p ON p.kind = 'DOMAIN' "
            + "AND p.entry = substring(s.email FROM position('@' IN s.email) + 1) "
            + "UNION ALL SELECT s.line, s.email, p.kind, p.reason FROM lux_import_stage s JOIN suppression p ON p.kind = 'ADDRESS_HASH' "
            + "AND p.entry = encode(sha256(convert_to(s.email, 'UTF8')), 'hex')"
            + ") m WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.email = m.email)";

    // New contacts get the import's tags in the same statement (data-modifying CTEs run
    // to completion). NEW_ROWS is filled in with or without ON CONFLICT.
    private static final String INSERT = "WITH ins AS (INSERT INTO contact (email, first_name, last_name, company, attributes, "
            + "status, consent_source, consent_at, created_at, updated_at, last_import_id) SELECT email, first_name, last_name, company, "
            + "attributes, 'ACTIVE', ?, ?, ?, ?, ? FROM lux_import_stage s NEW_ROWS RETURNING id, email), "
            + "tagged AS (INSERT INTO contact_tag (contact_id, tag_id) SELECT ins.id, t.id FROM ins CROSS JOIN unnest(?::bigint[]) AS t(id)), "
            // the consent ledger's import event for each contact this batch created
            // (ConsentLedger.hash: SHA-256 hex)
            + "ledger AS (INSERT INTO consent_event (occurred_at, email_hash, contact_id, kind, channel, source, text_hash, actor) "
            + "SELECT ?, encode(sha256(convert_to(ins.email, 'UTF8')), 'hex'), ins.id, 'IMPORT', 'import', left(?, 500), NULL, left(?, 200) FROM ins) "
            + "SELECT count(*) FROM ins";

    // Addresses not stored when the batch read them go in with a plain insert: the
    // unique index still refuses a duplicate, and PostgreSQL skips what ON CONFLICT costs
    // per row (a speculative insert, confirmed by a WAL record of its own: one record in
    // twelve of an import's WAL, measured with pg_waldump).
    private static final String INSERT_NEW = INSERT.replace("NEW_ROWS",
            "WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.email = s.email) ORDER BY line");

    // After a unique violation: someone else stored one of the addresses meanwhile, and
    // it is theirs.
    private static final String INSERT_SKIPPING_TAKEN = INSERT.replace("NEW_ROWS",
            "ORDER BY line ON CONFLICT DO NOTHING");

    private static final String UNIQUE_VIOLATION = "23505";

    // Non-empty fields win; attributes from the file are merged into the stored ones (a
    // JSON object of strings).
    private static final String UPDATE = "WITH upd AS (UPDATE contact c SET first_name = COALESCE(s.first_name, c.first_name), "
            + "last_name = COALESCE(s.last_name, c.last_name), company = COALESCE(s.company, c.company), "
            + "attributes = CASE WHEN s.attributes = '{}' THEN c.attributes ELSE (CASE WHEN btrim(c.attributes) = '' THEN '{}'::jsonb "
            + "ELSE c.attributes::jsonb END || s.attributes::jsonb)::text END, updated_at = ?, last_import_id = ?, version = c.version + 1 "
            + "FROM lux_import_stage s WHERE c.email = s.email AND c.last_import_id IS DISTINCT FROM ? RETURNING c.id), "
            + "tagged AS (INSERT INTO contact_tag (contact_id, tag_id) SELECT upd.id, t.id FROM upd CROSS JOIN unnest(?::bigint[]) AS t(id) "
            + "ON CONFLICT DO NOTHING) SELECT count(*) FROM upd";

    private final JdbcTemplate jdbc;

    PostgresContactCopier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    ContactBatchWriter.Outcome write(Collection<ContactRow> rows, long importId, ImportMode mode, List<Long> tagIds,
            String consentSource, Instant now) {
        OffsetDateTime at = ContactBatchWriter.utc(now);
        Long[] tags = tagIds.toArray(Long[]::new);
        return jdbc.execute((ConnectionCallback<ContactBatchWriter.Outcome>) con -> {
            long t0 = System.nanoTime();
            try (var s = con.createStatement()) {
                // An import can be run again, so its commits need not wait for the WAL
                // flush; a crash of PostgreSQL loses at most the last moment's batches,
                // and the job's progress row goes with them (same transaction). One
                // round trip: the settings and the staging table together.
                s.execute(PREPARE);
            }
            copy(con, rows);
            long t1 = System.nanoTime();
            List<ContactBatchWriter.Suppressed> suppressed = suppressed(con, rows);
            long t2 = System.nanoTime();
            int updated = 0;
            if (mode == ImportMode.UPDATE_EXISTING) {
                try (PreparedStatement ps = con.prepareStatement(UPDATE)) {
                    ps.setObject(1, at);
                    ps.setLong(2, importId);
                    ps.setLong(3, importId);
                    ps.setArray(4, con.createArrayOf("bigint", tags));
                    updated = count(ps);
                }
            }
            int created = insert(con, importId, tags, consentSource, at);
            // existing (add-new-only, or repeated from an earlier batch), suppressed, or
            // created meanwhile by someone else
            int skipped = rows.size() - created - updated;
            if (log.isDebugEnabled()) { // where a batch's time goes
                                        // (bench/import-benchmark.sh with
                                        // -Dbench.copier.log=DEBUG)
                long t3 = System.nanoTime();
                log.debug("{} rows: copy {} ms, suppression {} ms, update and insert with tags {} ms", rows.size(),
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            }
            return new ContactBatchWriter.Outcome(created, updated, skipped, suppressed);
        });
    }

    /**
     * Inserts the staged addresses not stored yet, with their tags and ledger rows.
     * Should someone else store one of them meanwhile, the insert is undone (a savepoint)
     * and made again leaving theirs alone.
     */
    private static int insert(Connection con, long importId, Long[] tags, String consentSource, OffsetDateTime at)
            throws SQLException {
        Savepoint beforeInsert = con.setSavepoint();
        try {
            int created = insert(con, INSERT_NEW, importId, tags, consentSource, at);
            con.releaseSavepoint(beforeInsert);
            return created;
        }
        catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            con.rollback(beforeInsert);
            log.debug("An address of import #{} was stored meanwhile by someone else; inserting around it", importId);
            return insert(con, INSERT_SKIPPING_TAKEN, importId, tags, consentSource, at);
        }
    }

    private static int insert(Connection con, String sql, long importId, Long[] tags, String consentSource,
            OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setString(1, consentSource);
            ps.setObject(2, at);
            ps.setObject(3, at);
            ps.setObject(4, at);
            ps.setLong(5, importId);
            ps.setArray(6, con.createArrayOf("bigint", tags));
            ps.setObject(7, at);
            ps.setString(8, consentSource);
            ps.setString(9, "import #" + importId);
            return count(ps);
        }
    }

    private void copy(Connection con, Collection<ContactRow> rows) throws SQLException {
        CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            StringBuilder text = new StringBuilder(64 * 1024 + 4096);
            for (ContactRow row : rows) {
                text.append(row.line()).append('\t');
                field(text, row.email()).append('\t');
                field(text, row.firstName()).append('\t');
                field(text, row.lastName()).append('\t');
                field(text, row.company()).append('\t');
                attributes(text, row.attributes()).append('\n');
                if (text.length() >= 64 * 1024) {
                    send(in, text);
                }
            }
            send(in, text);
            in.endCopy();
        }
        finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void send(CopyIn in, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /**
     * A value in COPY's text format: \N for null; backslash, tab and line breaks escaped
     * (other control characters are gone).
     */
    static StringBuilder field(StringBuilder text, String value) {
        if (value == null) {
            return text.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }

    /**
     * The attributes as a JSON object, in COPY's text format: exactly what Jackson's
     * default {@code ObjectMapper} writes (the H2 path and "update existing" use it;
     * {@code PostgresContactCopierTest} compares both), without building the JSON string
     * first: Jackson was half of a writer thread's CPU.
     */
    static StringBuilder attributes(StringBuilder text, Map<String, String> attributes) {
        text.append('{');
        boolean first = true;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!first) {
                text.append(',');
            }
            first = false;
            jsonString(text, a.getKey()).append(':');
            if (a.getValue() == null) {
                text.append("null");
            }
            else {
                jsonString(text, a.getValue());
            }
        }
        return text.append('}');
    }

    /**
     * A JSON string as Jackson escapes it (quote, backslash, control characters), with
     * COPY's escape on top: each backslash of the JSON doubled.
     */
    private static StringBuilder jsonString(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                text.append(c);
                continue;
            }
            text.append("\\\\"); // JSON's backslash, escaped for COPY
            switch (c) {
                case '"' -> text.append('"');
                case '\\' -> text.append("\\\\");
                case '\b' -> text.append('b');
                case '\t' -> text.append('t');
                case '\n' -> text.append('n');
                case '\f' -> text.append('f');
                case '\r' -> text.append('r');
                default -> text.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return text.append('"');
    }

    /**
     * New addresses on the suppression list, taken out of the staging table; the first
     * matching kind gives the reason.
     */
    private List<ContactBatchWriter.Suppressed> suppressed(Connection con, Collection<ContactRow> rows)
            throws SQLException {
        Map<Long, SuppressionKind> kinds = new HashMap<>();
        Map<Long, SuppressionReason> reasons = new HashMap<>();
        try (PreparedStatement ps = con.prepareStatement(SUPPRESSED); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long line = rs.getLong(1);
                SuppressionKind kind = SuppressionKind.valueOf(rs.getString(2));
                SuppressionKind before = kinds.get(line);
                if (before == null || kind.ordinal() < before.ordinal()) {
                    kinds.put(line, kind);
                    reasons.put(line, SuppressionReason.valueOf(rs.getString(3)));
                }
            }
        }
        if (reasons.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = con.prepareStatement("DELETE FROM lux_import_stage WHERE line = ANY(?)")) {
            ps.setArray(1, con.createArrayOf("bigint", reasons.keySet().toArray(Long[]::new)));
            ps.executeUpdate();
        }
        List<ContactBatchWriter.Suppressed> suppressed = new ArrayList<>(reasons.size());
        for (ContactRow row : rows) {
            SuppressionReason reason = reasons.get(row.line());
            if (reason != null) {
                suppressed.add(new ContactBatchWriter.Suppressed(row, reason));
            }
        }
        return suppressed;
    }

    private static int count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

}
