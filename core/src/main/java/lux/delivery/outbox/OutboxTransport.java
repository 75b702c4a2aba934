package lux.delivery.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The default transport: stores every message in the database for the console instead of sending it. */
@Component
@ConditionalOnProperty(name = "lux.mail.transport", havingValue = "outbox", matchIfMissing = true)
class OutboxTransport implements MailTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    // The message id is unique: a resend after a crash finds the first copy and does not store a second.
    private static final String INSERT = "INSERT INTO outbox_message (campaign_id, recipient_id, lux_message_id, sender, recipient, "
            + "subject, html_body, text_body, headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    OutboxTransport(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        return sendAll(List.of(m)).get(0);
    }

    @Override
    public boolean sendsBatches() {
        return true;
    }

    /** The whole batch in one JDBC batch and one transaction. */
    @Override
    public List<SendResult> sendAll(List<OutgoingMessage> messages) {
        SendResult[] results = new SendResult[messages.size()];
        List<Object[]> rows = new ArrayList<>(messages.size());
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage m = messages.get(i);
            try {
                rows.add(new Object[] {m.campaignId(), m.recipientId(), m.luxMessageId(), m.from(), m.to(), m.subject(), m.html(),
                    m.text(), JSON.writeValueAsString(new LinkedHashMap<String, String>(m.headers())), now});
                results[i] = new SendResult.Sent(m.luxMessageId());
            } catch (JsonProcessingException e) {
                results[i] = new SendResult.Permanent("headers cannot be stored: " + e.getMessage());
            }
        }
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(s -> jdbc.batchUpdate(INSERT, rows));
        }
        return Arrays.asList(results);
    }
}
