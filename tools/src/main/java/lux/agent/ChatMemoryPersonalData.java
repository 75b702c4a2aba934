package lux.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.gdpr.AddressText;
import lux.gdpr.PersonalDataHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The agent's chat memory is what LUX sends to the model with every turn: a conversation
 * that mentions an address (a user typed it, a tool result listed it) holds personal
 * data. Export shows those conversations; erasure deletes them whole, because the words
 * around the address (names, notes) belong to the same person.
 */
@Component
class ChatMemoryPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    ChatMemoryPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "chatMemory";
    }

    @Override
    public Object export(String email) {
        AddressText address = AddressText.of(email);
        AddressText.Condition where = address.mentionedIn("messages");
        List<Map<String, Object>> found = new ArrayList<>();
        jdbc.query(
                "SELECT memory_id, updated_at, messages FROM chat_memory WHERE " + where.sql() + " ORDER BY memory_id",
                rs -> {
                    if (address.foundIn(rs.getString(3))) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("conversation", rs.getString(1).substring(rs.getString(1).indexOf('|') + 1));
                        row.put("updatedAt", rs.getTimestamp(2).toInstant().toString());
                        row.put("messages", rs.getString(3));
                        found.add(row);
                    }
                }, where.argArray());
        return found;
    }

    @Override
    public int erase(String email) {
        AddressText address = AddressText.of(email);
        AddressText.Condition where = address.mentionedIn("messages");
        List<Object[]> ids = new ArrayList<>();
        jdbc.query("SELECT memory_id, messages FROM chat_memory WHERE " + where.sql(), rs -> {
            if (address.foundIn(rs.getString(2))) {
                ids.add(new Object[] { rs.getString(1) });
            }
        }, where.argArray());
        if (!ids.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM chat_memory WHERE memory_id = ?", ids);
        }
        return ids.size();
    }

}
