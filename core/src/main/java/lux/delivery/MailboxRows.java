package lux.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import lux.shared.SqlDialect;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows that hold one sender mailbox's limits (tables in V28, V63): its
 * {@code mailbox_limit} row and its per-minute and request slots, created once by
 * whichever instance needs them first. Mailboxes are keyed by their address in lower
 * case; times are stored in UTC.
 */
final class MailboxRows {

    static final String MINUTE = "minute";
    static final String REQUEST = "request";

    /** busy_until of a free slot. */
    static final OffsetDateTime FREE = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final JdbcTemplate jdbc;

    private final DeliveryProperties.Limits limits;

    private volatile SqlDialect dialect;

    MailboxRows(JdbcTemplate jdbc, DeliveryProperties.Limits limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    boolean exist(String key) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM mailbox_limit WHERE mailbox = ?", Integer.class, key);
        return n != null && n > 0;
    }

    /**
     * The mailbox's row and slots, created once by whichever instance comes first (each
     * statement on its own).
     */
    void create(String key) {
        insertIfAbsent("INSERT INTO mailbox_limit (mailbox) VALUES (?) ON CONFLICT DO NOTHING", key);
        // one statement per kind, however many slots the limits ask for
        String numbers = dialect() == SqlDialect.POSTGRESQL ? "generate_series(0, ?) AS n(i)"
                : "SYSTEM_RANGE(0, ?) AS n(i)";
        for (Object[] kind : new Object[][] { { MINUTE, limits.perMinute() }, { REQUEST, limits.concurrent() } }) {
            insertIfAbsent(
                    "INSERT INTO mailbox_slot (mailbox, kind, slot, busy_until) SELECT ?, ?, CAST(n.i AS INTEGER), ? FROM "
                            + numbers + " ON CONFLICT DO NOTHING",
                    key, kind[0], FREE, (int) kind[1] - 1);
        }
    }

    /** Read on first use: a pool with limits disabled never opens a connection. */
    private SqlDialect dialect() {
        SqlDialect d = dialect;
        if (d == null) {
            d = SqlDialect.of(jdbc.getDataSource());
            dialect = d;
        }
        return d;
    }

    private void insertIfAbsent(String sql, Object... args) {
        try {
            jdbc.update(sql, args);
        }
        catch (DuplicateKeyException e) {
            // another instance created it at the same moment
        }
    }

    static String key(String sender) {
        return sender.trim().toLowerCase(Locale.ROOT);
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
