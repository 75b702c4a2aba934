package lux.agent.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.gdpr.AddressText;
import lux.gdpr.PersonalDataHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The confirmation gate keeps the reason a person typed for a destructive action (a
 * reject's note), which may name someone by address. Export shows those notes; erasure
 * replaces the address in them and keeps the decision itself.
 */
@Component
class ConfirmationPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    ConfirmationPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "agentConfirmations";
    }

    @Override
    public Object export(String email) {
        AddressText address = AddressText.of(email);
        AddressText.Condition where = address.mentionedIn("note");
        List<Map<String, Object>> found = new ArrayList<>();
        jdbc.query("SELECT campaign_id, kind, created_at, note FROM agent_confirmation WHERE " + where.sql()
                + " ORDER BY created_at", rs -> {
                    if (address.foundIn(rs.getString(4))) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("campaignId", rs.getLong(1));
                        row.put("kind", rs.getString(2));
                        row.put("at", rs.getTimestamp(3).toInstant().toString());
                        row.put("note", rs.getString(4));
                        found.add(row);
                    }
                }, where.argArray());
        return found;
    }

    @Override
    public int erase(String email) {
        return AddressText.of(email).scrubColumn(jdbc, "agent_confirmation", "nonce_hash", "note");
    }

}
