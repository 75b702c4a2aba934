package lux.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.gdpr.AddressText;
import lux.gdpr.PersonalDataHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the bot keeps that can name a person: stored conversation references (for
 * proactive messages) and the last attachment of a conversation (file name and download
 * link). Rows mentioning the address go on erasure; a user who talks to LUX again simply
 * stores a fresh reference.
 */
@Component
class TeamsPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    TeamsPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public Object export(String email) {
        AddressText address = AddressText.of(email);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("conversationReferences",
                rows(address, "SELECT conversation_id, reference, updated_at FROM teams_conversation", "reference",
                        "conversation", "reference"));
        export.put("attachments",
                rows(address, "SELECT conversation_id, file_name || ' ' || download_url, uploaded_at FROM teams_upload",
                        "file_name || ' ' || download_url", "conversation", "file"));
        return export;
    }

    @Override
    public int erase(String email) {
        AddressText address = AddressText.of(email);
        int n = 0;
        for (Map<String, Object> r : rows(address,
                "SELECT conversation_id, reference, updated_at FROM teams_conversation", "reference", "conversation",
                "reference")) {
            n += jdbc.update("DELETE FROM teams_conversation WHERE conversation_id = ?", r.get("conversation"));
            jdbc.update("DELETE FROM teams_progress_card WHERE conversation_id = ?", r.get("conversation"));
            jdbc.update("DELETE FROM teams_import_card WHERE conversation_id = ?", r.get("conversation"));
        }
        for (Map<String, Object> r : rows(address,
                "SELECT conversation_id, file_name || ' ' || download_url, uploaded_at FROM teams_upload",
                "file_name || ' ' || download_url", "conversation", "file")) {
            n += jdbc.update("DELETE FROM teams_upload WHERE conversation_id = ?", r.get("conversation"));
        }
        return n;
    }

    /**
     * Rows of {@code select} whose {@code text} mentions the address, as (idName,
     * textName, at).
     */
    private List<Map<String, Object>> rows(AddressText address, String select, String text, String idName,
            String textName) {
        AddressText.Condition where = address.mentionedIn(text);
        List<Map<String, Object>> found = new ArrayList<>();
        jdbc.query(select + " WHERE " + where.sql(), rs -> {
            if (address.foundIn(rs.getString(2))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(idName, rs.getString(1));
                row.put(textName, rs.getString(2));
                row.put("at", rs.getTimestamp(3).toInstant().toString());
                found.add(row);
            }
        }, where.argArray());
        return found;
    }

}
