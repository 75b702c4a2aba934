package lux.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Tells people from machines (proxies, link scanners) for a batch of hits, with what is
 * known of each recipient: when it was sent and first opened (read per batch), its recent
 * clicks (remembered here across batches, so a scanner's burst split over two batches is
 * still seen), and whether its address was erased (its hits then keep no user agent).
 * Hits of recipients that no longer exist are left out. Not thread-safe: the writer calls
 * it under its write lock.
 */
final class HitClassifier {

    private static final Logger log = LoggerFactory.getLogger(HitClassifier.class);

    private static final int RECENT_CLICKERS = 10_000;

    /** GdprService renames an erased recipient's snapshot to erased-{id}@invalid. */
    private static final String ERASED_PREFIX = "erased-";

    /** The other first-touch columns, read only as set or not (FirstTouches.stored). */
    private static final String STORED_FIRSTS = "r.human_open_at IS NOT NULL, r.first_click_at IS NOT NULL, "
            + "r.human_click_at IS NOT NULL";

    private final JdbcTemplate jdbc;

    private final MachineTrafficRules rules;

    private final boolean postgres;

    /**
     * Clicks of the last few thousand clickers, so a link-scanner burst split over two
     * batches is still seen.
     */
    private final Map<Long, Map<Long, Instant>> recentClicks = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<Long, Instant>> eldest) {
            return size() > RECENT_CLICKERS;
        }
    };

    HitClassifier(JdbcTemplate jdbc, MachineTrafficRules rules, boolean postgres) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.postgres = postgres;
    }

    /**
     * {@code ordered} oldest first; the classified hits of existing recipients, in the
     * same order.
     */
    List<ClassifiedHit> classify(List<Hit> ordered) {
        Map<Long, MachineTrafficRules.RecipientState> states = loadStates(ordered);
        List<ClassifiedHit> kept = new ArrayList<>(ordered.size());
        int unknown = 0;
        for (Hit hit : ordered) {
            MachineTrafficRules.RecipientState state = states.get(hit.recipientId());
            if (state == null) {
                unknown++;
                continue;
            }
            String reason = rules.classify(hit, state);
            // an address erased on request (GDPR) keeps no user agent, even for hits that
            // were still on their way
            kept.add(new ClassifiedHit(state.erased ? hit.withoutUserAgent() : hit, reason, state.storedFirsts));
        }
        if (unknown > 0) {
            log.warn("{} tracking hits name recipients that no longer exist (campaign or contact deleted); not stored",
                    unknown);
        }
        return kept;
    }

    private Map<Long, MachineTrafficRules.RecipientState> loadStates(List<Hit> hits) {
        List<Long> ids = hits.stream().map(Hit::recipientId).distinct().toList();
        Map<Long, MachineTrafficRules.RecipientState> states = new HashMap<>(ids.size() * 2);
        RowCallbackHandler row = rs -> {
            Timestamp sent = rs.getTimestamp(2);
            Timestamp opened = rs.getTimestamp(3);
            MachineTrafficRules.RecipientState state = new MachineTrafficRules.RecipientState(
                    sent == null ? null : sent.toInstant(), opened == null ? null : opened.toInstant());
            state.erased = rs.getString(4).startsWith(ERASED_PREFIX);
            state.storedFirsts = FirstTouches.stored(opened != null, rs.getBoolean(5), rs.getBoolean(6),
                    rs.getBoolean(7));
            Map<Long, Instant> recent = recentClicks.get(rs.getLong(1));
            if (recent != null) {
                state.recentClicks.putAll(recent);
            }
            states.put(rs.getLong(1), state);
        };
        if (postgres) {
            StringBuilder array = new StringBuilder(ids.size() * 8).append('{');
            for (Long id : ids) {
                array.append(array.length() > 1 ? "," : "").append(id);
            }
            // a join, not "id = ANY(array)": PostgreSQL may run ANY as a filter over a
            // scan, checking every row against the whole array
            jdbc.query(
                    "SELECT r.id, r.sent_at, r.first_open_at, r.email, " + STORED_FIRSTS
                            + " FROM unnest(CAST(? AS bigint[])) AS u(id) JOIN campaign_recipient r ON r.id = u.id",
                    row, array.append('}').toString());
        }
        else {
            forEachChunk(ids, (in, chunk) -> jdbc.query("SELECT r.id, r.sent_at, r.first_open_at, r.email, "
                    + STORED_FIRSTS + " FROM campaign_recipient r WHERE r.id IN (" + in + ")", row, chunk.toArray()));
        }
        for (Hit hit : hits) {
            if (hit.kind() == EventKind.CLICK && states.containsKey(hit.recipientId())) {
                recentClicks.put(hit.recipientId(), states.get(hit.recipientId()).recentClicks);
            }
        }
        return states;
    }

    private static void forEachChunk(List<Long> ids, BiConsumer<String, List<Long>> action) {
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            action.accept(String.join(",", Collections.nCopies(chunk.size(), "?")), chunk);
        }
    }

}
