package lux.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A {@link ContactFilter} as a SQL condition on {@code contact c}, portable between H2
 * and PostgreSQL. Attributes live as compact JSON text, so "plan equals gold" is a LIKE
 * on the exact {@code "plan":"gold"} pair.
 */
record ContactFilterSql(String where, List<Object> args) {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TAGGED = "SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND ";

    static ContactFilterSql of(ContactSelection selection) {
        return new ContactFilterSql(selection.where(), selection.args());
    }

    static ContactFilterSql of(ContactFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("c.status = ?");
            args.add(filter.status().name());
        }
        if (filter.createdSince() != null) {
            conditions.add("c.created_at >= ?");
            args.add(filter.createdSince().atOffset(ZoneOffset.UTC));
        }
        AudienceFilter tags = filter.tags();
        if (!tags.anyOf().isEmpty()) {
            conditions.add("EXISTS (" + TAGGED + "t.name IN (" + placeholders(tags.anyOf()) + "))");
            args.addAll(tags.anyOf());
        }
        for (String tag : tags.allOf()) {
            conditions.add("EXISTS (" + TAGGED + "t.name = ?)");
            args.add(tag);
        }
        if (!tags.excluded().isEmpty()) {
            conditions.add("NOT EXISTS (" + TAGGED + "t.name IN (" + placeholders(tags.excluded()) + "))");
            args.addAll(tags.excluded());
        }
        for (Map.Entry<String, String> attribute : filter.attributes().entrySet()) {
            String pair = like(json(attribute.getKey()) + ":" + json(attribute.getValue()));
            conditions.add("(c.attributes LIKE ? ESCAPE '\\' OR c.attributes LIKE ? ESCAPE '\\')");
            args.add("%" + pair + ",%");
            args.add("%" + pair + "}%");
        }
        return new ContactFilterSql(conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions),
                List.copyOf(args));
    }

    Object[] argsArray(Object... before) {
        List<Object> all = new ArrayList<>(List.of(before));
        all.addAll(args);
        return all.toArray();
    }

    private static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    private static String json(String text) {
        try {
            return JSON.writeValueAsString(text);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
