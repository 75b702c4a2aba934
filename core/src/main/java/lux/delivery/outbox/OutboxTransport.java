package lux.delivery.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The default transport: stores every message in the database for the console instead of sending it. */
@Component
@ConditionalOnProperty(name = "lux.mail.transport", havingValue = "outbox", matchIfMissing = true)
class OutboxTransport implements MailTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcTemplate jdbc;
    private final Clock clock;

    OutboxTransport(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        Map<String, String> headers = new LinkedHashMap<>(m.headers());
        try {
            jdbc.update("INSERT INTO outbox_message (campaign_id, recipient_id, lux_message_id, sender, recipient, subject, html_body, "
                            + "text_body, headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    m.campaignId(), m.recipientId(), m.luxMessageId(), m.from(), m.to(), m.subject(), m.html(), m.text(),
                    JSON.writeValueAsString(headers), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException already) {
            // the message id is unique: a resend after a crash finds the first copy and does not store a second
        } catch (JsonProcessingException e) {
            return new SendResult.Permanent("headers cannot be stored: " + e.getMessage());
        }
        return new SendResult.Sent(m.luxMessageId());
    }
}
