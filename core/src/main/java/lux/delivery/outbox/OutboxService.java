package lux.delivery.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.shared.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Read side of the outbox for the console and tools: newest first, optionally per
 * campaign.
 */
@Service
public class OutboxService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COLUMNS = "id, campaign_id, recipient_id, lux_message_id, sender, recipient, subject, html_body, "
            + "text_body, headers, created_at";

    private final JdbcTemplate jdbc;

    OutboxService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Up to {@code limit} messages (max 500), newest first; {@code campaignId} null means
     * all campaigns.
     */
    public List<OutboxMessage> list(Long campaignId, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, 500));
        return campaignId == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM outbox_message ORDER BY id DESC LIMIT ? OFFSET ?", this::map,
                        size, Math.max(0, offset))
                : jdbc.query(
                        "SELECT " + COLUMNS
                                + " FROM outbox_message WHERE campaign_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                        this::map, campaignId, size, Math.max(0, offset));
    }

    public long count(Long campaignId) {
        return campaignId == null ? jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message", Long.class) : jdbc
            .queryForObject("SELECT COUNT(*) FROM outbox_message WHERE campaign_id = ?", Long.class, campaignId);
    }

    public OutboxMessage get(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE id = ?", this::map, id)
            .stream()
            .findFirst()
            .orElseThrow(() -> new NotFoundException("Outbox message", id));
    }

    private OutboxMessage map(ResultSet rs, int row) throws SQLException {
        Map<String, String> headers;
        try {
            headers = JSON.readValue(rs.getString("headers"), new TypeReference<LinkedHashMap<String, String>>() {
            });
        }
        catch (java.io.IOException e) {
            headers = Map.of();
        }
        return new OutboxMessage(rs.getLong("id"), (Long) rs.getObject("campaign_id", Long.class),
                (Long) rs.getObject("recipient_id", Long.class), rs.getString("lux_message_id"), rs.getString("sender"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("html_body"),
                rs.getString("text_body"), headers, rs.getTimestamp("created_at").toInstant());
    }

}
