package lux.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.gdpr.CoreSections;
import lux.gdpr.PersonalDataHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The contact row itself: exported as stored, deleted on erasure (its tag links with it).
 */
@Component
@Order(CoreSections.CONTACT_ORDER)
class ContactPersonalData implements PersonalDataHolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    ContactPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return CoreSections.CONTACT;
    }

    @Override
    public Object export(String email) {
        List<Map<String, Object>> found = jdbc.query("SELECT email, first_name, last_name, company, "
                + "attributes, status, consent_source, consent_at, created_at, updated_at FROM contact WHERE email = ?",
                (rs, n) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("email", rs.getString(1));
                    c.put("firstName", rs.getString(2));
                    c.put("lastName", rs.getString(3));
                    c.put("company", rs.getString(4));
                    c.put("attributes", attributes(rs.getString(5)));
                    c.put("status", rs.getString(6));
                    c.put("consent", CoreSections.row("source", rs.getString(7), "at", CoreSections.instant(rs, 8)));
                    c.put("createdAt", CoreSections.instant(rs, 9));
                    c.put("updatedAt", CoreSections.instant(rs, 10));
                    return c;
                }, email);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public int erase(String email) {
        return jdbc.update("DELETE FROM contact WHERE email = ?", email);
    }

    private static Map<String, String> attributes(String json) {
        try {
            return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, MAP);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored contact attributes are not a JSON object of strings", e);
        }
    }

}
