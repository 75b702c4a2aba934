package lux.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import lux.shared.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buffers opens and clicks and hands them to {@link HitBatchWriter} in batches: hits
 * never wait on an INSERT each. The buffer is bounded (user agents are cut to 512
 * characters before a hit is buffered); when it is full the caller writes synchronously.
 * When the database is failing, or a synchronous write would wait longer than
 * {@code lux.tracking.full-buffer-wait}, the hit is dropped and counted instead
 * ({@link #dropped()}, logged): the pixel and the redirect are still answered at once, so
 * a database outage never holds every web thread. Stopping the application writes
 * whatever is left; a batch whose write failed is kept and written first next time.
 */
@Component
class EventWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    static final int MAX_BATCH = 10_000;

    /**
     * Rough heap cost of one buffered hit (record, Instant, user-agent string); bounds
     * the buffer to a heap share.
     */
    static final int BYTES_PER_HIT = 400;

    private final MachineTrafficRules rules;

    /**
     * Writes one batch; called only under writeLock (its parts reuse buffers and remember
     * recent clicks).
     */
    private final HitBatchWriter batches;

    /**
     * The buffer: lock-free, because every request thread adds to it. A blocking queue's
     * single lock made request threads wait whenever its holder (often the writer,
     * draining) was descheduled on a busy machine.
     */
    private final ConcurrentLinkedQueue<Hit> queue = new ConcurrentLinkedQueue<>();

    private final AtomicInteger buffered = new AtomicInteger();

    private final int capacity;

    private final long flushNanos;

    /**
     * Events taken from the queue whose write failed; written first next time. Guarded by
     * writeLock.
     */
    private final List<Hit> retained = new ArrayList<>();

    /**
     * A lock, not a monitor: a request thread waits for it only so long, then drops its
     * hit.
     */
    private final ReentrantLock writeLock = new ReentrantLock();

    private final long fullBufferWaitNanos;

    /**
     * Set when a write fails, cleared when one succeeds: while set, a full buffer drops
     * hits instead of writing.
     */
    private volatile boolean failing;

    private final AtomicLong dropped = new AtomicLong();

    private final AtomicLong lastDropLog = new AtomicLong();

    private volatile boolean running;

    private Thread flusher;

    EventWriter(JdbcTemplate jdbc, TransactionTemplate tx, TrackingProperties properties, RollupWriter rollups,
            SqlDialect dialect) {
        this.rules = new MachineTrafficRules(properties.machine());
        boolean postgres = dialect == SqlDialect.POSTGRESQL;
        this.batches = new HitBatchWriter(tx, new HitClassifier(jdbc, rules, postgres), new EventRows(jdbc, postgres),
                new FirstTouches(jdbc, postgres), rollups);
        this.capacity = capacity(properties.bufferCapacity(), Runtime.getRuntime().maxMemory());
        this.flushNanos = Math.max(1_000_000L, properties.flushInterval().toNanos());
        this.fullBufferWaitNanos = properties.fullBufferWait().toNanos();
    }

    /**
     * The configured capacity, but never more than a tenth of the heap: a full buffer
     * means synchronous writes, not an OOM.
     */
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
        // cut before buffering: a buffered hit must cost BYTES_PER_HIT, whatever header
        // the client sent
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
        }
        catch (InterruptedException e) {
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
            }
            catch (RuntimeException e) {
                failing = true;
                // the drained hits were other requests' (already answered): back into the
                // buffer, still bounded
                List<Hit> drained = batch.subList(fromRetained, batch.size() - 1);
                buffered.addAndGet(drained.size());
                queue.addAll(drained);
                drop("the database is failing (" + e.getMessage() + ")");
                return;
            }
            retained.clear();
        }
        finally {
            writeLock.unlock();
        }
    }

    /** What is buffered right now (tests check what a buffered hit holds). */
    List<Hit> bufferedHits() {
        return List.copyOf(queue);
    }

    /**
     * Hits dropped since start because the buffer was full while the database failed or
     * was too slow.
     */
    long dropped() {
        return dropped.get();
    }

    private void drop(String why) {
        long n = dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last >= 10_000_000_000L && lastDropLog.compareAndSet(last, now)) { // one
                                                                                     // line
                                                                                     // per
                                                                                     // 10
                                                                                     // s,
                                                                                     // not
                                                                                     // one
                                                                                     // per
                                                                                     // hit
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
        }
        finally {
            writeLock.unlock();
        }
    }

    private void loop() {
        while (running) {
            LockSupport.parkNanos(flushNanos); // stop() unparks; no interrupts, which
                                               // would break a JDBC write
            writeLock.lock();
            try {
                while (!queue.isEmpty() || !retained.isEmpty()) {
                    drainTo(retained, MAX_BATCH - Math.min(retained.size(), MAX_BATCH - 1));
                    write(retained);
                    retained.clear();
                    failing = false;
                }
            }
            catch (RuntimeException e) {
                failing = true;
                // the batch stays in "retained" and is tried again: a database hiccup
                // must not lose events
                log.error("Could not write {} tracking events; retrying: {}", retained.size(), e.getMessage());
            }
            finally {
                writeLock.unlock();
            }
            if (failing) {
                LockSupport.parkNanos(1_000_000_000L); // outside the lock: request
                                                       // threads must not wait on this
                                                       // pause
            }
        }
    }

    /**
     * Moves up to {@code max} buffered hits to {@code into}; a hit being added
     * concurrently may show up next time.
     */
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

    private void write(List<Hit> batch) {
        batches.write(batch);
    }

    /**
     * At most 512 characters, without control characters (PostgreSQL refuses NUL; a
     * refused batch would retry forever).
     */
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

    /**
     * Runs after the web server has stopped taking requests (lower phase stops later),
     * then writes the rest.
     */
    @Override
    public void stop() {
        running = false;
        if (flusher != null) {
            LockSupport.unpark(flusher);
            try {
                flusher.join(30_000);
            }
            catch (InterruptedException e) {
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
