package lux.tracking;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-recipient first open and first click (any, and by a person) columns, and the
 * unique openers and clickers they make: a column is set only where still empty, and each
 * row that changed counts once in the rollups. The WHERE is re-checked under the row
 * lock, so two instances never both count the same recipient. Not thread-safe: the writer
 * calls it under its write lock.
 */
final class FirstTouches {

    // the bits of ClassifiedHit.storedFirsts
    private static final int OPEN = 1;

    private static final int HUMAN_OPEN = 2;

    private static final int CLICK = 4;

    private static final int HUMAN_CLICK = 8;

    private final JdbcTemplate jdbc;

    private final boolean postgres;

    private final CopyTimestamps timestamps = new CopyTimestamps();

    FirstTouches(JdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    /** Each recipient's earliest hit of a batch, per column. */
    record Firsts(Map<Long, Hit> open, Map<Long, Hit> humanOpen, Map<Long, Hit> click, Map<Long, Hit> humanClick) {
    }

    /**
     * The first-touch columns of a recipient that were set when read, as the bits
     * {@link ClassifiedHit#storedFirsts} carries.
     */
    static int stored(boolean open, boolean humanOpen, boolean click, boolean humanClick) {
        return (open ? OPEN : 0) | (humanOpen ? HUMAN_OPEN : 0) | (click ? CLICK : 0) | (humanClick ? HUMAN_CLICK : 0);
    }

    /**
     * {@code kept} in time order, so the first hit seen per recipient is the earliest. A
     * column already set when the batch read it is left out: it is never cleared, so its
     * update could change nothing. Many hits are a reader's second look or a proxy's
     * fetch, and these index probes were about a fifth of the database's work per hit
     * (docs/benchmarks.md "Seventh sitting").
     */
    static Firsts of(List<ClassifiedHit> kept) {
        Firsts firsts = new Firsts(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>());
        for (ClassifiedHit c : kept) {
            Hit hit = c.hit();
            boolean open = hit.kind() == EventKind.OPEN;
            if ((c.storedFirsts() & (open ? OPEN : CLICK)) == 0) {
                (open ? firsts.open() : firsts.click()).putIfAbsent(hit.recipientId(), hit);
            }
            if (c.human() && (c.storedFirsts() & (open ? HUMAN_OPEN : HUMAN_CLICK)) == 0) {
                (open ? firsts.humanOpen() : firsts.humanClick()).putIfAbsent(hit.recipientId(), hit);
            }
        }
        return firsts;
    }

    /**
     * Sets the columns still empty and counts the new unique openers and clickers into
     * {@code counts}.
     */
    void store(Firsts firsts, BatchCounts counts) {
        set("first_open_at", firsts.open(), "uopen.any", counts);
        set("human_open_at", firsts.humanOpen(), "uopen.human", counts);
        set("first_click_at", firsts.click(), "uclick.any", counts);
        set("human_click_at", firsts.humanClick(), "uclick.human", counts);
    }

    private void set(String column, Map<Long, Hit> firsts, String metric, BatchCounts counts) {
        if (firsts.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(firsts.keySet());
        Collections.sort(ids); // id order, as the plans visit rows: fewer lock-order
                               // conflicts between instances (a deadlock fails the batch,
                               // which is retried)
        if (postgres) {
            StringBuilder idArray = new StringBuilder(ids.size() * 8).append('{');
            StringBuilder atArray = new StringBuilder(ids.size() * 28).append('{');
            for (Long id : ids) {
                if (idArray.length() > 1) {
                    idArray.append(',');
                    atArray.append(',');
                }
                idArray.append(id);
                timestamps.append(atArray.append('"'), firsts.get(id).at());
                atArray.append('"');
            }
            jdbc.query("UPDATE campaign_recipient r SET " + column + " = u.at "
                    + "FROM unnest(CAST(? AS bigint[]), CAST(? AS timestamptz[])) AS u(id, at) "
                    + "WHERE r.id = u.id AND r." + column + " IS NULL RETURNING r.campaign_id", rs -> {
                        counts.add(rs.getLong(1), metric, 1);
                    }, idArray.append('}').toString(), atArray.append('}').toString());
            return;
        }
        List<Object[]> args = new ArrayList<>(ids.size());
        for (Long id : ids) {
            args.add(new Object[] { Timestamp.from(firsts.get(id).at()), id });
        }
        int[] changed = jdbc.batchUpdate(
                "UPDATE campaign_recipient SET " + column + " = ? WHERE id = ? AND " + column + " IS NULL", args);
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] > 0) {
                counts.add(firsts.get(ids.get(i)).campaignId(), metric, 1); // the signed
                                                                            // token's
                                                                            // campaign is
                                                                            // the
                                                                            // recipient's
            }
        }
    }

}
