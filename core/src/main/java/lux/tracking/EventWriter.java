package lux.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buffers opens and clicks and writes them in batches: hits never wait on an INSERT each. The buffer is
 * bounded; when it is full the caller writes synchronously (never a silent drop). Stopping the application
 * writes whatever is left. Each batch is classified (human or machine), stored, and folded into the
 * per-recipient first-open/first-click columns and the per-campaign rollup counters in one transaction.
 */
@Component
class EventWriter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final int MAX_BATCH = 5000;
    private static final int RECENT_CLICKERS = 10_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MachineTrafficRules rules;
    private final RollupWriter rollups;
    private final BlockingQueue<Hit> queue;
    private final long flushNanos;
    /** Events taken from the queue whose write failed; written first next time. Guarded by writeLock. */
    private final List<Hit> retained = new ArrayList<>();
    private final Object writeLock = new Object();
    /** Clicks of the last few thousand clickers, so a link-scanner burst split over two batches is still seen. */
    private final Map<Long, List<Hit>> recentClicks = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Hit>> eldest) {
            return size() > RECENT_CLICKERS;
        }
    });
    private volatile boolean running;
    private Thread flusher;

    EventWriter(JdbcTemplate jdbc, TransactionTemplate tx, TrackingProperties properties, RollupWriter rollups) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rules = new MachineTrafficRules(properties.machine());
        this.rollups = rollups;
        this.queue = new ArrayBlockingQueue<>(properties.bufferCapacity());
        this.flushNanos = Math.max(1_000_000L, properties.flushInterval().toNanos());
    }

    MachineTrafficRules rules() {
        return rules;
    }

    void submit(Hit hit) {
        if (queue.offer(hit)) {
            return;
        }
        synchronized (writeLock) {
            List<Hit> batch = new ArrayList<>(retained);
            batch.add(hit);
            queue.drainTo(batch, MAX_BATCH);
            write(batch); // buffer full: this request pays for the write, so nothing is lost (it fails loudly if the DB is down)
            retained.clear();
        }
    }

    /** Writes everything buffered now (tests, shutdown). */
    void flush() {
        synchronized (writeLock) {
            List<Hit> batch = new ArrayList<>(retained);
            while (queue.drainTo(batch, MAX_BATCH) > 0 || !batch.isEmpty()) {
                write(batch);
                retained.clear();
                batch.clear();
            }
        }
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(flushNanos); // stop() unparks; no interrupts, which would break a JDBC write
            try {
                synchronized (writeLock) {
                    while (!queue.isEmpty() || !retained.isEmpty()) {
                        queue.drainTo(retained, MAX_BATCH - Math.min(retained.size(), MAX_BATCH - 1));
                        write(retained);
                        retained.clear();
                    }
                }
            } catch (RuntimeException e) {
                // the batch stays in "retained" and is tried again: a database hiccup must not lose events
                log.error("Could not write {} tracking events; retrying: {}", retained.size(), e.getMessage());
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    private void write(List<Hit> hits) {
        if (hits.isEmpty()) {
            return;
        }
        List<Hit> ordered = new ArrayList<>(hits);
        ordered.sort(Comparator.comparing(Hit::at));
        Map<Long, MachineTrafficRules.RecipientState> states = loadStates(ordered);
        List<Object[]> events = new ArrayList<>(ordered.size());
        List<Hit> kept = new ArrayList<>(ordered.size());
        List<String> reasons = new ArrayList<>(ordered.size());
        int unknown = 0;
        for (Hit hit : ordered) {
            MachineTrafficRules.RecipientState state = states.get(hit.recipientId());
            if (state == null) {
                unknown++;
                continue;
            }
            String reason = rules.classify(hit, state);
            kept.add(hit);
            reasons.add(reason);
            events.add(new Object[] {hit.recipientId(), hit.campaignId(), hit.kind().name(), hit.linkId(),
                Timestamp.from(hit.at()), truncate(hit.userAgent()), reason != null, reason});
        }
        if (unknown > 0) {
            log.warn("{} tracking hits name recipients that no longer exist (campaign or contact deleted); not stored", unknown);
        }
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate("INSERT INTO tracking_event (recipient_id, campaign_id, kind, link_id, occurred_at, user_agent, machine, "
                    + "machine_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events);
            Map<Long, Map<String, Long>> counts = new HashMap<>();
            List<Object[]> firstAny = new ArrayList<>();
            List<Object[]> firstHuman = new ArrayList<>();
            List<Hit> anyHits = new ArrayList<>();
            List<Hit> humanHits = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                Hit hit = kept.get(i);
                String reason = reasons.get(i);
                String who = reason == null ? "human" : "machine";
                String kind = hit.kind() == EventKind.OPEN ? "open" : "click";
                Map<String, Long> c = counts.computeIfAbsent(hit.campaignId(), k -> new HashMap<>());
                c.merge(kind + "." + who, 1L, Long::sum);
                c.merge("hour." + HOUR.format(hit.at().truncatedTo(ChronoUnit.HOURS)) + "." + kind + "." + who, 1L, Long::sum);
                if (hit.linkId() != null) {
                    c.merge("link." + hit.linkId() + "." + who, 1L, Long::sum);
                }
                if (reason != null) {
                    c.merge("reason." + truncateMetric(reason), 1L, Long::sum);
                }
                anyHits.add(hit);
                firstAny.add(new Object[] {Timestamp.from(hit.at()), hit.recipientId()});
                if (reason == null) {
                    humanHits.add(hit);
                    firstHuman.add(new Object[] {Timestamp.from(hit.at()), hit.recipientId()});
                }
            }
            countFirsts(anyHits, firstAny, "any", counts);
            countFirsts(humanHits, firstHuman, "human", counts);
            rollups.add(counts);
        });
    }

    /** Sets first_open_at etc. only where still empty; a row that changed is a new unique opener or clicker. */
    private void countFirsts(List<Hit> hits, List<Object[]> args, String who, Map<Long, Map<String, Long>> counts) {
        for (EventKind kind : List.of(EventKind.OPEN, EventKind.CLICK)) {
            List<Hit> ofKind = new ArrayList<>();
            List<Object[]> ofKindArgs = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                if (hits.get(i).kind() == kind) {
                    ofKind.add(hits.get(i));
                    ofKindArgs.add(args.get(i));
                }
            }
            if (ofKind.isEmpty()) {
                continue;
            }
            String column = (who.equals("any") ? "first_" : "human_") + (kind == EventKind.OPEN ? "open" : "click") + "_at";
            int[] changed = jdbc.batchUpdate("UPDATE campaign_recipient SET " + column + " = ? WHERE id = ? AND " + column
                    + " IS NULL", ofKindArgs);
            for (int i = 0; i < changed.length; i++) {
                if (changed[i] > 0) {
                    counts.computeIfAbsent(ofKind.get(i).campaignId(), k -> new HashMap<>())
                            .merge("u" + (kind == EventKind.OPEN ? "open" : "click") + "." + who, 1L, Long::sum);
                }
            }
        }
    }

    private Map<Long, MachineTrafficRules.RecipientState> loadStates(List<Hit> hits) {
        List<Long> ids = hits.stream().map(Hit::recipientId).distinct().toList();
        Map<Long, MachineTrafficRules.RecipientState> states = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            String in = String.join(",", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT id, sent_at, first_open_at FROM campaign_recipient WHERE id IN (" + in + ")", rs -> {
                Timestamp sent = rs.getTimestamp(2);
                Timestamp opened = rs.getTimestamp(3);
                MachineTrafficRules.RecipientState state = new MachineTrafficRules.RecipientState(
                        sent == null ? null : sent.toInstant(), opened == null ? null : opened.toInstant());
                List<Hit> recent = recentClicks.get(rs.getLong(1));
                if (recent != null) {
                    state.recentClicks.addAll(recent);
                }
                states.put(rs.getLong(1), state);
            }, chunk.toArray());
        }
        hits.stream().filter(h -> h.kind() == EventKind.CLICK).map(Hit::recipientId).distinct()
                .forEach(id -> { if (states.containsKey(id)) { recentClicks.put(id, states.get(id).recentClicks); } });
        return states;
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
    }

    private static String truncateMetric(String reason) {
        return reason.length() <= 70 ? reason : reason.substring(0, 70);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        flusher = new Thread(this::loop, "lux-tracking-writer");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Runs after the web server has stopped taking requests (lower phase stops later), then writes the rest. */
    @Override
    public void stop() {
        running = false;
        if (flusher != null) {
            LockSupport.unpark(flusher);
            try {
                flusher.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    static Instant hour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

}
