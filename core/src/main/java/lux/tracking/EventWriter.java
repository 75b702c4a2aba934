package lux.tracking;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import lux.shared.SqlDialect;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buffers opens and clicks and writes them in batches: hits never wait on an INSERT each. The buffer is
 * bounded (user agents are cut to 512 characters before a hit is buffered); when it is full the caller writes
 * synchronously. When the database is failing, or a synchronous write would wait longer than
 * {@code lux.tracking.full-buffer-wait}, the hit is dropped and counted instead ({@link #dropped()}, logged): the
 * pixel and the redirect are still answered at once, so a database outage never holds every web thread.
 * Stopping the application writes whatever is left. Each batch is classified (human or machine), stored, and folded into the
 * per-recipient first-open/first-click columns and the per-campaign rollup counters in one transaction.
 * On PostgreSQL a batch costs a fixed handful of statements whatever its size (COPY for the events, one
 * set-based UPDATE per first-column), so the writer keeps up with tens of thousands of hits a second.
 */
@Component
class EventWriter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    static final int MAX_BATCH = 10_000;
    private static final int RECENT_CLICKERS = 10_000;
    /** Rough heap cost of one buffered hit (record, Instant, user-agent string); bounds the buffer to a heap share. */
    static final int BYTES_PER_HIT = 400;
    private static final String COPY_EVENTS = "COPY tracking_event (recipient_id, campaign_id, kind, link_id, occurred_at, "
            + "user_agent, machine, machine_reason) FROM STDIN";
    private static final String INSERT_EVENT = "INSERT INTO tracking_event (recipient_id, campaign_id, kind, link_id, occurred_at, "
            + "user_agent, machine, machine_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final MachineTrafficRules rules;
    private final RollupWriter rollups;
    private final boolean postgres;
    /**
     * The buffer: lock-free, because every request thread adds to it. A blocking queue's single lock made request
     * threads wait whenever its holder (often the writer, draining) was descheduled on a busy machine.
     */
    private final ConcurrentLinkedQueue<Hit> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final int capacity;
    private final long flushNanos;
    /** Events taken from the queue whose write failed; written first next time. Guarded by writeLock. */
    private final List<Hit> retained = new ArrayList<>();
    /** A lock, not a monitor: a request thread waits for it only so long, then drops its hit. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final long fullBufferWaitNanos;
    /** Set when a write fails, cleared when one succeeds: while set, a full buffer drops hits instead of writing. */
    private volatile boolean failing;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastDropLog = new AtomicLong();
    /** Reused by every batch; both guarded by writeLock. */
    private final CopyTimestamps timestamps = new CopyTimestamps();
    private final CopyBuffer copyBuffer = new CopyBuffer();
    /** Clicks of the last few thousand clickers, so a link-scanner burst split over two batches is still seen. Guarded by writeLock. */
    private final Map<Long, List<Hit>> recentClicks = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Hit>> eldest) {
            return size() > RECENT_CLICKERS;
        }
    };
    private volatile boolean running;
    private Thread flusher;

    EventWriter(JdbcTemplate jdbc, TransactionTemplate tx, TrackingProperties properties, RollupWriter rollups, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rules = new MachineTrafficRules(properties.machine());
        this.rollups = rollups;
        this.postgres = dialect == SqlDialect.POSTGRESQL;
        this.capacity = capacity(properties.bufferCapacity(), Runtime.getRuntime().maxMemory());
        this.flushNanos = Math.max(1_000_000L, properties.flushInterval().toNanos());
        this.fullBufferWaitNanos = properties.fullBufferWait().toNanos();
    }

    /** The configured capacity, but never more than a tenth of the heap: a full buffer means synchronous writes, not an OOM. */
    static int capacity(int configured, long maxHeap) {
        long fits = Math.max(1_000, maxHeap / 10 / BYTES_PER_HIT);
        if (configured > fits) {
            log.warn("lux.tracking.buffer-capacity {} would need about {} MiB of a {} MiB heap; using {}", configured,
                    (long) configured * BYTES_PER_HIT >> 20, maxHeap >> 20, fits);
            return (int) fits;
        }
        return configured;
    }

    MachineTrafficRules rules() {
        return rules;
    }

    void submit(Hit arrived) {
        // cut before buffering: a buffered hit must cost BYTES_PER_HIT, whatever header the client sent
        Hit hit = arrived.withUserAgent(truncate(arrived.userAgent()));
        if (buffered.incrementAndGet() <= capacity) {
            queue.add(hit);
            return;
        }
        buffered.decrementAndGet();
        if (failing) {
            drop("the database is failing");
            return;
        }
        boolean locked;
        try {
            locked = writeLock.tryLock(fullBufferWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            drop("a write is taking longer than lux.tracking.full-buffer-wait");
            return;
        }
        try {
            // buffer full: this request pays for the write
            List<Hit> batch = new ArrayList<>(retained);
            int fromRetained = batch.size();
            drainTo(batch, MAX_BATCH);
            batch.add(hit);
            try {
                write(batch);
                failing = false;
            } catch (RuntimeException e) {
                failing = true;
                // the drained hits were other requests' (already answered): back into the buffer, still bounded
                List<Hit> drained = batch.subList(fromRetained, batch.size() - 1);
                buffered.addAndGet(drained.size());
                queue.addAll(drained);
                drop("the database is failing (" + e.getMessage() + ")");
                return;
            }
            retained.clear();
        } finally {
            writeLock.unlock();
        }
    }

    /** What is buffered right now (tests check what a buffered hit holds). */
    List<Hit> bufferedHits() {
        return List.copyOf(queue);
    }

    /** Hits dropped since start because the buffer was full while the database failed or was too slow. */
    long dropped() {
        return dropped.get();
    }

    private void drop(String why) {
        long n = dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last >= 10_000_000_000L && lastDropLog.compareAndSet(last, now)) { // one line per 10 s, not one per hit
            log.warn("Tracking buffer full and {}: hits are answered but not stored ({} dropped since start)", why, n);
        }
    }

    /** Writes everything buffered now (tests, shutdown). */
    void flush() {
        writeLock.lock();
        try {
            List<Hit> batch = new ArrayList<>(retained);
            while (drainTo(batch, MAX_BATCH) > 0 || !batch.isEmpty()) {
                write(batch);
                retained.clear();
                batch.clear();
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(flushNanos); // stop() unparks; no interrupts, which would break a JDBC write
            writeLock.lock();
            try {
                while (!queue.isEmpty() || !retained.isEmpty()) {
                    drainTo(retained, MAX_BATCH - Math.min(retained.size(), MAX_BATCH - 1));
                    write(retained);
                    retained.clear();
                    failing = false;
                }
            } catch (RuntimeException e) {
                failing = true;
                // the batch stays in "retained" and is tried again: a database hiccup must not lose events
                log.error("Could not write {} tracking events; retrying: {}", retained.size(), e.getMessage());
            } finally {
                writeLock.unlock();
            }
            if (failing) {
                LockSupport.parkNanos(1_000_000_000L); // outside the lock: request threads must not wait on this pause
            }
        }
    }

    /** Moves up to {@code max} buffered hits to {@code into}; a hit being added concurrently may show up next time. */
    private int drainTo(List<Hit> into, int max) {
        int n = 0;
        Hit hit;
        while (n < max && (hit = queue.poll()) != null) {
            into.add(hit);
            n++;
        }
        buffered.addAndGet(-n);
        return n;
    }

    /** One hit as it will be stored, with its classification. */
    private record Classified(Hit hit, String reason) {
    }

    private void write(List<Hit> hits) {
        if (hits.isEmpty()) {
            return;
        }
        List<Hit> ordered = new ArrayList<>(hits);
        ordered.sort(Comparator.comparing(Hit::at));
        Map<Long, MachineTrafficRules.RecipientState> states = loadStates(ordered);
        List<Classified> kept = new ArrayList<>(ordered.size());
        int unknown = 0;
        for (Hit hit : ordered) {
            MachineTrafficRules.RecipientState state = states.get(hit.recipientId());
            if (state == null) {
                unknown++;
                continue;
            }
            String reason = rules.classify(hit, state);
            // an address erased on request (GDPR) keeps no user agent, even for hits that were still on their way
            kept.add(new Classified(state.erased ? hit.withoutUserAgent() : hit, reason));
        }
        if (unknown > 0) {
            log.warn("{} tracking hits name recipients that no longer exist (campaign or contact deleted); not stored", unknown);
        }
        if (kept.isEmpty()) {
            return;
        }
        BatchCounts counts = new BatchCounts();
        // first hit per recipient (hits are in time order, so the first seen is the earliest)
        Map<Long, Hit> firstOpen = new LinkedHashMap<>();
        Map<Long, Hit> humanOpen = new LinkedHashMap<>();
        Map<Long, Hit> firstClick = new LinkedHashMap<>();
        Map<Long, Hit> humanClick = new LinkedHashMap<>();
        for (Classified c : kept) {
            Hit hit = c.hit();
            boolean open = hit.kind() == EventKind.OPEN;
            counts.hit(hit.campaignId(), open, hit.at(), hit.linkId(), c.reason());
            (open ? firstOpen : firstClick).putIfAbsent(hit.recipientId(), hit);
            if (c.reason() == null) {
                (open ? humanOpen : humanClick).putIfAbsent(hit.recipientId(), hit);
            }
        }
        tx.executeWithoutResult(status -> {
            insertEvents(kept);
            setFirsts("first_open_at", firstOpen, "uopen.any", counts);
            setFirsts("human_open_at", humanOpen, "uopen.human", counts);
            setFirsts("first_click_at", firstClick, "uclick.any", counts);
            setFirsts("human_click_at", humanClick, "uclick.human", counts);
            rollups.add(counts.toMap());
        });
    }

    private void insertEvents(List<Classified> kept) {
        if (!postgres) {
            List<Object[]> rows = new ArrayList<>(kept.size());
            for (Classified c : kept) {
                Hit hit = c.hit();
                rows.add(new Object[] {hit.recipientId(), hit.campaignId(), hit.kind().name(), hit.linkId(), Timestamp.from(hit.at()),
                    truncate(hit.userAgent()), c.reason() != null, c.reason()});
            }
            jdbc.batchUpdate(INSERT_EVENT, rows);
            return;
        }
        // COPY text format, written as UTF-8 into a reused buffer; the statement parses once, not once per row
        CopyBuffer copy = copyBuffer.clear();
        for (Classified c : kept) {
            Hit hit = c.hit();
            copy.number(hit.recipientId()).tab().number(hit.campaignId()).tab().ascii(hit.kind().name()).tab()
                    .nullableNumber(hit.linkId()).tab().timestamp(hit.at()).tab().text(hit.userAgent(), 512).tab()
                    .ascii(c.reason() == null ? "f" : "t").tab().text(c.reason(), 100).endRow();
        }
        jdbc.execute((ConnectionCallback<Long>) con -> {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS);
            try {
                in.writeToCopy(copy.bytes(), 0, copy.size());
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
    }

    /**
     * Sets first_open_at etc. only where still empty; a row that changed is a new unique opener or clicker. The
     * WHERE is re-checked under the row lock, so two instances never both count the same recipient.
     */
    private void setFirsts(String column, Map<Long, Hit> firsts, String metric, BatchCounts counts) {
        if (firsts.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(firsts.keySet());
        Collections.sort(ids); // id order, as the plans visit rows: fewer lock-order conflicts between instances (a deadlock fails the batch, which is retried)
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
                    + "WHERE r.id = u.id AND r." + column + " IS NULL RETURNING r.campaign_id",
                    rs -> {
                        counts.add(rs.getLong(1), metric, 1);
                    }, idArray.append('}').toString(), atArray.append('}').toString());
            return;
        }
        List<Object[]> args = new ArrayList<>(ids.size());
        for (Long id : ids) {
            args.add(new Object[] {Timestamp.from(firsts.get(id).at()), id});
        }
        int[] changed = jdbc.batchUpdate("UPDATE campaign_recipient SET " + column + " = ? WHERE id = ? AND " + column + " IS NULL", args);
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] > 0) {
                counts.add(firsts.get(ids.get(i)).campaignId(), metric, 1); // the signed token's campaign is the recipient's
            }
        }
    }

    /** GdprService renames an erased recipient's snapshot to erased-{id}@invalid. */
    private static final String ERASED_PREFIX = "erased-";

    private Map<Long, MachineTrafficRules.RecipientState> loadStates(List<Hit> hits) {
        List<Long> ids = hits.stream().map(Hit::recipientId).distinct().toList();
        Map<Long, MachineTrafficRules.RecipientState> states = new HashMap<>(ids.size() * 2);
        org.springframework.jdbc.core.RowCallbackHandler row = rs -> {
            Timestamp sent = rs.getTimestamp(2);
            Timestamp opened = rs.getTimestamp(3);
            MachineTrafficRules.RecipientState state = new MachineTrafficRules.RecipientState(
                    sent == null ? null : sent.toInstant(), opened == null ? null : opened.toInstant());
            state.erased = rs.getString(4).startsWith(ERASED_PREFIX);
            List<Hit> recent = recentClicks.get(rs.getLong(1));
            if (recent != null) {
                state.recentClicks.addAll(recent);
            }
            states.put(rs.getLong(1), state);
        };
        if (postgres) {
            StringBuilder array = new StringBuilder(ids.size() * 8).append('{');
            for (Long id : ids) {
                array.append(array.length() > 1 ? "," : "").append(id);
            }
            // a join, not "id = ANY(array)": PostgreSQL may run ANY as a filter over a scan, checking every row against the whole array
            jdbc.query("SELECT r.id, r.sent_at, r.first_open_at, r.email FROM unnest(CAST(? AS bigint[])) AS u(id) "
                    + "JOIN campaign_recipient r ON r.id = u.id", row,
                    array.append('}').toString());
        } else {
            forEachChunk(ids, (in, chunk) -> jdbc.query("SELECT id, sent_at, first_open_at, email FROM campaign_recipient WHERE id IN (" + in + ")",
                    row, chunk.toArray()));
        }
        for (Hit hit : hits) {
            if (hit.kind() == EventKind.CLICK && states.containsKey(hit.recipientId())) {
                recentClicks.put(hit.recipientId(), states.get(hit.recipientId()).recentClicks);
            }
        }
        return states;
    }

    private static void forEachChunk(List<Long> ids, java.util.function.BiConsumer<String, List<Long>> action) {
        for (int from = 0; from < ids.size(); from += 1000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            action.accept(String.join(",", Collections.nCopies(chunk.size(), "?")), chunk);
        }
    }

    /** At most 512 characters, without control characters (PostgreSQL refuses NUL; a refused batch would retry forever). */
    static String truncate(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String s = userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                return s.replaceAll("[\\x00-\\x1f\\x7f]", " ");
            }
        }
        return s;
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
}
