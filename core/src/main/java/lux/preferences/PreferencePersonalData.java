package lux.preferences;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.gdpr.PersonalDataHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reader's own choices (topics switched off, a pause) are theirs to see in the GDPR
 * export. Erasure needs nothing here: the opt-outs go with the contact row (ON DELETE
 * CASCADE), the pause is a column of it.
 */
@Component
class PreferencePersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    PreferencePersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "preferences";
    }

    @Override
    public Object export(String email) {
        List<Object[]> contact = jdbc.query("SELECT id, paused_until FROM contact WHERE email = ?",
                (rs, i) -> new Object[] { rs.getLong(1), rs.getObject(2, OffsetDateTime.class) }, email);
        if (contact.isEmpty()) {
            return null;
        }
        OffsetDateTime paused = (OffsetDateTime) contact.get(0)[1];
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pausedUntil", paused == null ? null : paused.toInstant().toString());
        row.put("topicsSwitchedOff",
                jdbc.queryForList("SELECT t.name FROM contact_topic_opt_out o JOIN tag t ON t.id = o.tag_id "
                        + "WHERE o.contact_id = ? ORDER BY t.name", String.class, contact.get(0)[0]));
        return row;
    }

    @Override
    public int erase(String email) {
        return 0;
    }

}
