package lux.delivery.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import lux.shared.SqlDialect;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The default transport: stores every message in the database for the console instead of
 * sending it.
 */
@Component
@ConditionalOnProperty(name = "lux.mail.transport", havingValue = "outbox", matchIfMissing = true)
class OutboxTransport implements MailTransport {

    private static final ObjectMapper JSON = new ObjectMapper();

    // The message id is unique: a resend after a crash finds the first copy and does not
    // store a second.
    private static final String INSERT = "INSERT INTO outbox_message (campaign_id, recipient_id, lux_message_id, sender, recipient, "
            + "subject, html_body, text_body, headers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String UNNEST_INSERT = "INSERT INTO outbox_message (campaign_id, recipient_id, lux_message_id, sender, "
            + "recipient, subject, html_body, text_body, headers, created_at) SELECT u.c, u.r, u.m, u.f, u.t, u.s, u.h, u.x, u.hd, ? "
            + "FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "AS u(c, r, m, f, t, s, h, x, hd) ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final SqlDialect dialect;

    private final Clock clock;

    OutboxTransport(JdbcTemplate jdbc, TransactionTemplate tx, SqlDialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dialect = dialect;
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

    /**
     * The whole batch in one transaction: on PostgreSQL one INSERT ... SELECT FROM
     * unnest(arrays), on H2 (in process) a JDBC batch.
     */
    @Override
    public List<SendResult> sendAll(List<OutgoingMessage> messages) {
        SendResult[] results = new SendResult[messages.size()];
        List<Object[]> rows = new ArrayList<>(messages.size());
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage m = messages.get(i);
            try {
                rows.add(new Object[] { idOrNull(m.campaignId()), idOrNull(m.recipientId()), m.luxMessageId(), m.from(),
                        m.to(), m.subject(), m.html(), m.text(),
                        JSON.writeValueAsString(new LinkedHashMap<String, String>(m.headers())), now });
                results[i] = new SendResult.Sent(m.luxMessageId());
            }
            catch (JsonProcessingException e) {
                results[i] = new SendResult.Permanent("headers cannot be stored: " + e.getMessage());
            }
        }
        if (rows.isEmpty()) {
            return Arrays.asList(results);
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            tx.executeWithoutResult(s -> jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(UNNEST_INSERT);
                ps.setTimestamp(1, now);
                for (int column = 0; column < 9; column++) {
                    Object[] values = new Object[rows.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rows.get(i)[column];
                    }
                    ps.setArray(column + 2, con.createArrayOf(column < 2 ? "bigint" : "text", values));
                }
                return ps;
            }));
        }
        else {
            tx.executeWithoutResult(s -> jdbc.batchUpdate(INSERT, rows));
        }
        return Arrays.asList(results);
    }

    /**
     * A test send has no campaign or recipient row (0): stored as none, outside every
     * campaign's messages.
     */
    private static Long idOrNull(long id) {
        return id > 0 ? id : null;
    }

}
