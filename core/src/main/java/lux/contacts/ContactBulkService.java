package lux.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.CsvCells;
import lux.shared.ConflictException;
import lux.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operations on every contact matching a {@link ContactFilter}: count and preview, tag,
 * untag, delete (only with the count the person confirmed) and a streamed CSV export.
 * Each is one set-based statement, whatever the size.
 */
@Service
public class ContactBulkService {

    /**
     * Columns an export writes before the attribute columns; the import recognises and
     * skips the ones it does not set.
     */
    public static final List<String> EXPORT_COLUMNS = List.of("email", "first_name", "last_name", "company", "status",
            "tags", "consent_source", "consent_at", "created_at");

    /** The same reading of the attributes column as the entity mapping uses. */
    private static final AttributesConverter ATTRIBUTES = new AttributesConverter();

    private final ContactService contacts;

    private final TagRepository tags;

    private final JdbcTemplate jdbc;

    private final AuditService audit;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    ContactBulkService(ContactService contacts, TagRepository tags, JdbcTemplate jdbc, AuditService audit,
            ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.contacts = contacts;
        this.tags = tags;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public long count(ContactFilter filter) {
        return count(where(filter));
    }

    /** How many contacts a selection (a saved segment, say) matches now. */
    @Transactional(readOnly = true)
    public long count(ContactSelection selection) {
        return count(ContactFilterSql.of(selection));
    }

    /** The count and the first few addresses of a selection. */
    @Transactional(readOnly = true)
    public BulkPreview preview(ContactSelection selection, int sampleSize) {
        ContactFilterSql sql = ContactFilterSql.of(selection);
        return new BulkPreview(null, count(sql), sample(sql, sampleSize));
    }

    /** {@link #tag(ContactFilter, Collection, Actor)} for a selection. */
    @Transactional
    public int tag(ContactSelection selection, Collection<String> tagNames, Actor actor) {
        return tag(ContactFilterSql.of(selection), selection.description(), tagNames, actor);
    }

    /** {@link #untag(ContactFilter, Collection, Actor)} for a selection. */
    @Transactional
    public int untag(ContactSelection selection, Collection<String> tagNames, Actor actor) {
        return untag(ContactFilterSql.of(selection), selection.description(), tagNames, actor);
    }

    /**
     * {@link #delete(ContactFilter, long, Actor)} for a selection: only with the count
     * the person confirmed.
     */
    @Transactional
    public int delete(ContactSelection selection, long confirmedCount, Actor actor) {
        return delete(ContactFilterSql.of(selection), selection.description(), confirmedCount, actor);
    }

    private long count(ContactFilterSql sql) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM contact c WHERE " + sql.where(), Long.class,
                sql.args().toArray());
    }

    private List<String> sample(ContactFilterSql sql, int sampleSize) {
        return jdbc.queryForList("SELECT c.email FROM contact c WHERE " + sql.where() + " ORDER BY c.id LIMIT ?",
                String.class, append(sql, Math.max(1, sampleSize)));
    }

    /** The count and the first few addresses, to show before a bulk change. */
    @Transactional(readOnly = true)
    public BulkPreview preview(ContactFilter filter, int sampleSize) {
        ContactFilterSql sql = where(filter);
        return new BulkPreview(filter, count(sql), sample(sql, sampleSize));
    }

    /**
     * Adds the tags (created when new) to every matching contact; returns how many
     * contact-tag links were added.
     */
    @Transactional
    public int tag(ContactFilter filter, Collection<String> tagNames, Actor actor) {
        return tag(where(filter), filter.describe(), tagNames, actor);
    }

    private int tag(ContactFilterSql sql, String description, Collection<String> tagNames, Actor actor) {
        List<Tag> wanted = tagsNamed(tagNames, true);
        int added = 0;
        for (Tag tag : wanted) {
            added += jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) SELECT c.id, ? FROM contact c WHERE "
                    + sql.where()
                    + " AND NOT EXISTS (SELECT 1 FROM contact_tag x WHERE x.contact_id = c.id AND x.tag_id = ?)",
                    append(sql.argsArray(tag.getId()), tag.getId()));
        }
        audit.record(actor, "contact.bulk-tag", "tag", names(wanted), added + " links added to " + description);
        if (added > 0) {
            events.publishEvent(new ContactEvent.Tagged(null,
                    wanted.stream().map(Tag::getName).collect(java.util.stream.Collectors.toSet())));
        }
        return added;
    }

    /**
     * Removes the tags from every matching contact; unknown tags fail. Returns how many
     * links were removed.
     */
    @Transactional
    public int untag(ContactFilter filter, Collection<String> tagNames, Actor actor) {
        return untag(where(filter), filter.describe(), tagNames, actor);
    }

    private int untag(ContactFilterSql sql, String description, Collection<String> tagNames, Actor actor) {
        List<Tag> wanted = tagsNamed(tagNames, false);
        int removed = 0;
        for (Tag tag : wanted) {
            removed += jdbc
                .update("DELETE FROM contact_tag WHERE tag_id = ? AND contact_id IN (SELECT c.id FROM contact c WHERE "
                        + sql.where() + ")", sql.argsArray(tag.getId()));
        }
        audit.record(actor, "contact.bulk-untag", "tag", names(wanted), removed + " links removed from " + description);
        return removed;
    }

    /**
     * Deletes every matching contact, but only if the filter still matches
     * {@code confirmedCount} contacts (the number the person saw in {@link #preview});
     * otherwise nothing is deleted and the error says why.
     */
    @Transactional
    public int delete(ContactFilter filter, long confirmedCount, Actor actor) {
        return delete(where(filter), filter.describe(), confirmedCount, actor);
    }

    private int delete(ContactFilterSql sql, String description, long confirmedCount, Actor actor) {
        long now = count(sql);
        if (now != confirmedCount) {
            throw new ConflictException(
                    "The filter (" + description + ") now matches " + now + " contacts, not the " + confirmedCount
                            + " you confirmed. Nothing was deleted; preview again and confirm the new number.");
        }
        int deleted = jdbc.update("DELETE FROM contact c WHERE " + sql.where(), sql.args().toArray());
        audit.record(actor, "contact.bulk-delete", "contact", null, deleted + " deleted: " + description);
        return deleted;
    }

    /**
     * Writes matching contacts as CSV (UTF-8 text; the caller owns the writer), reading
     * row by row so memory does not depend on how many match. Cells a spreadsheet would
     * run as formulas get a leading quote ({@link CsvCells}). Attribute columns come
     * after {@link #EXPORT_COLUMNS}, sorted. Returns the count.
     */
    @Transactional // not read-only: the export itself is audited
    public long export(ContactFilter filter, Writer out, Actor actor) {
        ContactFilterSql sql = where(filter);
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(1000);
        TreeSet<String> attributeNames = new TreeSet<>();
        streaming.query("SELECT c.attributes FROM contact c WHERE " + sql.where(), rs -> {
            attributeNames.addAll(attributes(rs.getString(1)).keySet());
        }, sql.args().toArray());
        List<String> header = new ArrayList<>(EXPORT_COLUMNS);
        header.addAll(attributeNames);
        try {
            CSVPrinter csv = new CSVPrinter(out,
                    CSVFormat.DEFAULT.builder()
                        .setHeader(header.stream().map(CsvCells::neutralise).toArray(String[]::new))
                        .get());
            ExportRow current = new ExportRow();
            streaming
                .query("SELECT c.id, c.email, c.first_name, c.last_name, c.company, c.status, c.consent_source, c.consent_at, "
                        + "c.created_at, c.attributes, t.name FROM contact c LEFT JOIN contact_tag ct ON ct.contact_id = c.id "
                        + "LEFT JOIN tag t ON t.id = ct.tag_id WHERE " + sql.where() + " ORDER BY c.id, t.name", rs -> {
                            long id = rs.getLong(1);
                            if (current.id != id) {
                                current.print(csv, attributeNames);
                                current.start(id, rs);
                            }
                            String tag = rs.getString(11);
                            if (tag != null) {
                                current.tags.add(tag);
                            }
                        }, sql.args().toArray());
            current.print(csv, attributeNames);
            csv.flush();
            audit.record(actor, "contact.export", "contact", null, current.count + " exported: " + filter.describe());
            return current.count;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One contact being assembled from its joined tag rows. */
    private static final class ExportRow {

        long id = -1;

        long count;

        List<Object> values;

        Map<String, String> attributes;

        final List<String> tags = new ArrayList<>();

        void start(long id, ResultSet rs) throws SQLException {
            this.id = id;
            tags.clear();
            values = new ArrayList<>();
            for (int column = 2; column <= 7; column++) {
                values.add(rs.getString(column));
            }
            values.add(instant(rs, 8));
            values.add(instant(rs, 9));
            attributes = attributes(rs.getString(10));
        }

        void print(CSVPrinter csv, Set<String> attributeNames) {
            if (id < 0) {
                return;
            }
            List<Object> row = new ArrayList<>(values.size() + 1 + attributeNames.size());
            values.forEach(v -> row.add(v == null ? null : CsvCells.neutralise(v.toString())));
            row.add(5, CsvCells.neutralise(String.join(", ", tags)));
            attributeNames.forEach(name -> row.add(CsvCells.neutralise(attributes.getOrDefault(name, ""))));
            try {
                csv.printRecord(row);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count++;
        }

        private static String instant(ResultSet rs, int column) throws SQLException {
            OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
            return at == null ? "" : at.toInstant().toString();
        }

    }

    private ContactFilterSql where(ContactFilter filter) {
        contacts.requireKnownTags(filter.tags());
        return ContactFilterSql.of(filter);
    }

    private List<Tag> tagsNamed(Collection<String> rawNames, boolean createMissing) {
        Set<String> names = new TreeSet<>();
        if (rawNames != null) {
            rawNames.forEach(n -> names.add(Tag.normalise(n)));
        }
        if (names.isEmpty()) {
            throw new InvalidInputException("tags", "Name at least one tag.");
        }
        List<Tag> found = new ArrayList<>(tags.findByNameIn(names));
        Set<String> missing = new TreeSet<>(names);
        found.forEach(t -> missing.remove(t.getName()));
        if (!missing.isEmpty() && !createMissing) {
            throw new InvalidInputException("tags",
                    "Unknown tag" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + ".");
        }
        Instant now = clock.instant();
        missing.forEach(name -> found.add(tags.saveAndFlush(new Tag(name, now))));
        return found;
    }

    private static Map<String, String> attributes(String json) {
        return ATTRIBUTES.convertToEntityAttribute(json);
    }

    private static Object[] append(ContactFilterSql sql, Object last) {
        return append(sql.argsArray(), last);
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    private static String names(List<Tag> tags) {
        return tags.stream().map(Tag::getName).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }

}
