package lux.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many contacts of an audience lack a field a template uses, counted in one SQL
 * statement over the whole audience (active contacts with the audience's tags), never
 * contact by contact. Fields are as templates name them: {@code email},
 * {@code first_name}, {@code last_name}, {@code full_name}, {@code company}, or an
 * attribute name.
 */
@Component
public class AudienceFieldCounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> COLUMNS = Map.of("email", "c.email", "first_name", "c.first_name",
            "last_name", "c.last_name", "company", "c.company");

    private final JdbcTemplate jdbc;

    AudienceFieldCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Contacts of the audience with each field empty or absent, keyed as given; the
     * audience's size under "".
     */
    @Transactional(readOnly = true)
    public Map<String, Long> missing(AudienceFilter audience, List<String> fields) {
        ContactFilterSql where = ContactFilterSql.of(new ContactFilter(audience, ContactStatus.ACTIVE, Map.of(), null));
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        List<Object> args = new ArrayList<>();
        for (String field : fields) {
            sql.append(", SUM(CASE WHEN ").append(empty(field, args)).append(" THEN 1 ELSE 0 END)");
        }
        sql.append(" FROM contact c WHERE ").append(where.where());
        args.addAll(where.args());
        return jdbc.queryForObject(sql.toString(), (rs, row) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("", rs.getLong(1));
            for (int i = 0; i < fields.size(); i++) {
                counts.put(fields.get(i), rs.getLong(i + 2)); // SUM over no rows is NULL:
                                                              // read as 0
            }
            return counts;
        }, args.toArray());
    }

    /**
     * The SQL condition "this contact has no value for {@code field}", adding its
     * arguments.
     */
    private static String empty(String field, List<Object> args) {
        if (field.equals("full_name")) {
            return "(" + blank("c.first_name") + " AND " + blank("c.last_name") + ")";
        }
        String column = COLUMNS.get(field);
        if (column != null) {
            return blank(column);
        }
        // attributes are compact JSON text of strings: present and non-empty is "key":"
        // followed by anything but the closing quote
        String key = like(json(field)) + ":\"";
        args.add("%{" + key + "%");
        args.add("%," + key + "%");
        args.add("%{" + key + "\"%");
        args.add("%," + key + "\"%");
        return "(c.attributes IS NULL OR NOT ((c.attributes LIKE ? ESCAPE '\\' OR c.attributes LIKE ? ESCAPE '\\') "
                + "AND NOT (c.attributes LIKE ? ESCAPE '\\' OR c.attributes LIKE ? ESCAPE '\\')))";
    }

    private static String blank(String column) {
        return "(" + column + " IS NULL OR TRIM(" + column + ") = '')";
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
