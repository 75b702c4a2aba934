package lux.inbound;

import java.util.Map;
import lux.gdpr.PersonalDataHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The mails a person sent back (bounces of their address, their replies) are recorded by
 * address. Erasure blanks the address but keeps the row: it still keeps the message from
 * being acted on twice, and the campaign's counts stand.
 */
@Component
class InboundPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    InboundPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "mailReceived";
    }

    @Override
    public Object export(String email) {
        return jdbc.query(
                "SELECT kind, campaign_id, dsn_status, received_at FROM inbound_message WHERE email = ? ORDER BY id",
                (rs, i) -> Map.of("kind", rs.getString(1), "campaignId", rs.getObject(2) == null ? "" : rs.getObject(2),
                        "dsnStatus", rs.getString(3) == null ? "" : rs.getString(3), "receivedAt",
                        rs.getTimestamp(4).toInstant().toString()),
                email);
    }

    @Override
    public int erase(String email) {
        return jdbc.update("UPDATE inbound_message SET email = NULL WHERE email = ?", email);
    }

}
