package lux.tracking;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores a batch's classified hits in {@code tracking_event}: on PostgreSQL with one COPY
 * (written as UTF-8 into a reused buffer, parsed once rather than once per row),
 * elsewhere as a JDBC batch. Not thread-safe: the writer calls it under its write lock.
 */
final class EventRows {

    private static final String COPY_EVENTS = "COPY tracking_event (recipient_id, campaign_id, kind, link_id, occurred_at, "
            + "user_agent, machine, machine_reason) FROM STDIN";

    private static final String INSERT_EVENT = "INSERT INTO tracking_event (recipient_id, campaign_id, kind, link_id, occurred_at, "
            + "user_agent, machine, machine_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    private final boolean postgres;

    private final CopyBuffer copyBuffer = new CopyBuffer();

    EventRows(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    void insert(List<ClassifiedHit> kept) {
        if (!postgres) {
            List<Object[]> rows = new ArrayList<>(kept.size());
            for (ClassifiedHit c : kept) {
                Hit hit = c.hit();
                rows.add(new Object[] { hit.recipientId(), hit.campaignId(), hit.kind().name(), hit.linkId(),
                        Timestamp.from(hit.at()), EventWriter.truncate(hit.userAgent()), !c.human(),
                        c.machineReason() });
            }
            jdbc.batchUpdate(INSERT_EVENT, rows);
            return;
        }
        CopyBuffer copy = copyBuffer.clear();
        for (ClassifiedHit c : kept) {
            Hit hit = c.hit();
            copy.number(hit.recipientId())
                .tab()
                .number(hit.campaignId())
                .tab()
                .ascii(hit.kind().name())
                .tab()
                .nullableNumber(hit.linkId())
                .tab()
                .timestamp(hit.at())
                .tab()
                .text(hit.userAgent(), 512)
                .tab()
                .ascii(c.human() ? "f" : "t")
                .tab()
                .text(c.machineReason(), 100)
                .endRow();
        }
        jdbc.execute((ConnectionCallback<Long>) con -> {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS);
            try {
                in.writeToCopy(copy.bytes(), 0, copy.size());
                return in.endCopy();
            }
            finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
    }

}
