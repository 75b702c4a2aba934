package lux.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes one batch of rows in the caller's transaction; on PostgreSQL an import writes on
 * {@link #writers(ImportProperties)} connections at once, each batch holding addresses no
 * other writer has. On PostgreSQL the rows go through {@link PostgresContactCopier} (COPY
 * into a staging table, then set-based statements). On H2 a few statements: one lookup of
 * the addresses that exist, one of the suppression list, one insert (a JDBC batch, ON
 * CONFLICT DO NOTHING), one JDBC batch of updates and one set-based tagging statement.
 * Both give the same contacts, counts and report for the same file.
 */
@Component
class ContactBatchWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private static final String INSERT_COLUMNS = "INSERT INTO contact (email, first_name, last_name, company, attributes, "
            + "status, consent_source, consent_at, created_at, updated_at, last_import_id) VALUES ";

    private static final String INSERT_ROW = "(?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?)";

    // Small enough that a batch dies young: at 20,000 rows the four batches in flight
    // outlived young collections, and copying them cost an eighth of the import's CPU
    // (docs/benchmarks.md "Smaller import batches"). A batch's statements still cost
    // little at 3,000 rows.
    private static final int POSTGRES_BATCH = 3_000;

    private static final int H2_BATCH = 1_000;

    // PostgreSQL spends one backend (one core) per writing connection, and that backend
    // is what an import waits for; two use both cores of a small machine and leave the
    // rest of the pool to sending and tracking.
    private static final int POSTGRES_WRITERS = 2;

    private final JdbcTemplate jdbc;

    private final SuppressionService suppressions;

    private final PostgresContactCopier copier;

    private final ConsentLedger ledger;

    private volatile Boolean postgres;

    ContactBatchWriter(JdbcTemplate jdbc, SuppressionService suppressions, ConsentLedger ledger) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
        this.copier = new PostgresContactCopier(jdbc);
        this.ledger = ledger;
    }

    /**
     * Rows per batch: the setting, or what suits this database.
     */
    int batchSize(ImportProperties properties) {
        return properties.batchSize() > 0 ? properties.batchSize() : postgres() ? POSTGRES_BATCH : H2_BATCH;
    }

    /**
     * Connections an import writes on at the same time (each its own batches, one
     * transaction each). H2 gains nothing from more than one.
     */
    int writers(ImportProperties properties) {
        return properties.writers() > 0 ? properties.writers() : postgres() ? POSTGRES_WRITERS : 1;
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection con) -> con.getMetaData()
                .getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT)
                .contains("postgres")));
        }
        return postgres;
    }

    /** A row not written because its address is suppressed (the import reports it). */
    record Suppressed(ContactRow row, SuppressionReason reason) {
    }

    record Outcome(int created, int updated, int skipped, List<Suppressed> suppressed) {
    }

    private record Existing(long id, Long lastImportId, String attributes) {
    }

    /** Creates tags that do not exist yet and returns the ids of all of them. */
    List<Long> ensureTags(Collection<String> names, Instant now) {
        List<Long> ids = new ArrayList<>();
        for (String name : names) {
            jdbc.update(
                    "INSERT INTO tag (name, created_at) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM tag WHERE name = ?)",
                    name, utc(now), name);
            ids.add(jdbc.queryForObject("SELECT id FROM tag WHERE name = ?", Long.class, name));
        }
        return ids;
    }

    Outcome write(Collection<ContactRow> rows, long importId, ImportMode mode, List<Long> tagIds, String consentSource,
            Instant now) {
        if (rows.isEmpty()) {
            return new Outcome(0, 0, 0, List.of());
        }
        if (postgres()) {
            return copier.write(rows, importId, mode, tagIds, consentSource, now);
        }
        Map<String, Existing> existing = existing(rows);
        List<ContactRow> fresh = new ArrayList<>();
        List<ContactRow> changed = new ArrayList<>();
        int skipped = 0;
        for (ContactRow row : rows) {
            Existing e = existing.get(row.email());
            if (e == null) {
                fresh.add(row);
            }
            else if (Long.valueOf(importId).equals(e.lastImportId()) || mode == ImportMode.ADD_NEW_ONLY) {
                skipped++; // repeated in this file, or left alone by "add new only"
            }
            else {
                changed.add(row);
            }
        }
        List<Suppressed> suppressed = new ArrayList<>();
        if (!fresh.isEmpty()) {
            Map<String, SuppressionReason> blocked = suppressions
                .suppressedAmong(fresh.stream().map(ContactRow::email).toList());
            if (!blocked.isEmpty()) {
                List<ContactRow> allowed = new ArrayList<>(fresh.size());
                for (ContactRow row : fresh) {
                    SuppressionReason reason = blocked.get(row.email());
                    if (reason == null) {
                        allowed.add(row);
                    }
                    else {
                        suppressed.add(new Suppressed(row, reason));
                    }
                }
                fresh = allowed;
                skipped += suppressed.size();
            }
        }
        int created = insert(fresh, importId, consentSource, now);
        if (created > 0) {
            ledger.recordAll(createdNow(fresh, importId), ConsentKind.IMPORT, "import", consentSource, null,
                    "import #" + importId);
        }
        skipped += fresh.size() - created; // created meanwhile by someone else: left to
                                           // them
        int updated = update(changed, existing, importId, now);
        if (!tagIds.isEmpty() && created + updated > 0) {
            List<String> written = new ArrayList<>(fresh.size() + changed.size());
            fresh.forEach(r -> written.add(r.email()));
            changed.forEach(r -> written.add(r.email()));
            tag(written, tagIds, importId);
        }
        return new Outcome(created, updated, skipped, suppressed);
    }

    /**
     * The contacts of {@code fresh} this batch created (not those another writer created
     * meanwhile): address -> id.
     */
    private Map<String, Long> createdNow(List<ContactRow> fresh, long importId) {
        Map<String, Long> created = new HashMap<>();
        String[] emails = fresh.stream().map(ContactRow::email).toArray(String[]::new);
        jdbc.query(con -> {
            // none of them existed when the batch began: those now carrying this import's
            // id are the ones it created
            PreparedStatement ps = con
                .prepareStatement("SELECT email, id FROM contact WHERE email = ANY(?) AND last_import_id = ?");
            ps.setArray(1, con.createArrayOf("varchar", emails));
            ps.setLong(2, importId);
            return ps;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> created.put(rs.getString(1), rs.getLong(2)));
        return created;
    }

    private Map<String, Existing> existing(Collection<ContactRow> rows) {
        Map<String, Existing> found = new HashMap<>();
        String[] emails = rows.stream().map(ContactRow::email).toArray(String[]::new);
        org.springframework.jdbc.core.RowCallbackHandler collect = rs -> {
            long lastImport = rs.getLong(3);
            found.put(rs.getString(2), new Existing(rs.getLong(1), rs.wasNull() ? null : lastImport, rs.getString(4)));
        };
        jdbc.query(con -> {
            PreparedStatement ps = con
                .prepareStatement("SELECT id, email, last_import_id, attributes FROM contact WHERE email = ANY(?)");
            ps.setArray(1, con.createArrayOf("varchar", emails));
            return ps;
        }, collect);
        return found;
    }

    private int insert(List<ContactRow> rows, long importId, String consentSource, Instant now) {
        if (rows.isEmpty()) {
            return 0;
        }
        OffsetDateTime at = utc(now);
        int[] counts = jdbc.batchUpdate(INSERT_COLUMNS + INSERT_ROW + " ON CONFLICT DO NOTHING", rows, rows.size(),
                (ps, row) -> {
                    ps.setString(1, row.email());
                    ps.setString(2, row.firstName());
                    ps.setString(3, row.lastName());
                    ps.setString(4, row.company());
                    ps.setString(5, json(row.attributes()));
                    ps.setString(6, consentSource);
                    ps.setObject(7, at);
                    ps.setObject(8, at);
                    ps.setObject(9, at);
                    ps.setLong(10, importId);
                })[0];
        return sum(counts);
    }

    private int update(List<ContactRow> rows, Map<String, Existing> existing, long importId, Instant now) {
        if (rows.isEmpty()) {
            return 0;
        }
        OffsetDateTime at = utc(now);
        List<Object[]> args = new ArrayList<>(rows.size());
        for (ContactRow row : rows) {
            Existing e = existing.get(row.email());
            args.add(new Object[] { row.firstName(), row.lastName(), row.company(),
                    merged(e.attributes(), row.attributes()), at, importId, e.id() });
        }
        int[] counts = jdbc
            .batchUpdate("UPDATE contact SET first_name = COALESCE(?, first_name), last_name = COALESCE(?, last_name), "
                    + "company = COALESCE(?, company), attributes = ?, updated_at = ?, last_import_id = ?, version = version + 1 "
                    + "WHERE id = ?", args);
        return sum(counts);
    }

    private static int sum(int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c == PreparedStatement.SUCCESS_NO_INFO ? 1 : Math.max(c, 0);
        }
        return total;
    }

    private void tag(List<String> emails, List<Long> tagIds, long importId) {
        jdbc.update(con -> {
            PreparedStatement ps = con
                .prepareStatement("INSERT INTO contact_tag (contact_id, tag_id) SELECT c.id, t.id "
                        + "FROM contact c CROSS JOIN tag t WHERE c.email = ANY(?) AND c.last_import_id = ? AND t.id = ANY(?) "
                        + "AND NOT EXISTS (SELECT 1 FROM contact_tag x WHERE x.contact_id = c.id AND x.tag_id = t.id)");
            ps.setArray(1, con.createArrayOf("varchar", emails.toArray()));
            ps.setLong(2, importId);
            ps.setArray(3, con.createArrayOf("bigint", tagIds.toArray()));
            return ps;
        });
    }

    private static String merged(String stored, Map<String, String> fromFile) {
        if (fromFile.isEmpty()) {
            return stored;
        }
        try {
            Map<String, String> attributes = stored == null || stored.isBlank() ? new LinkedHashMap<>()
                    : JSON.readValue(stored, MAP);
            attributes.putAll(fromFile);
            return JSON.writeValueAsString(attributes);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored contact attributes are not a JSON object of strings", e);
        }
    }

    static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Attributes cannot be written as JSON", e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
