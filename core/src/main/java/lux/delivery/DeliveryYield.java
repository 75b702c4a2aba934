package lux.delivery;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import lux.tracking.TrafficGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery gives way to recipients' traffic. The open and click routes must answer fast
 * while a campaign sends on the same instance; delivery can wait. After each batch a
 * delivery loop asks {@link #afterBatch}: when the tracking routes (counted by
 * {@link TrafficGauge}) take more than {@code from} requests/s, the loop pauses in
 * proportion to the time the batch took, so delivery runs at a share of its full speed
 * that falls linearly from 1 at {@code from} to {@code min-share} at {@code full}. The
 * pause is slept in short slices and ends as soon as the traffic falls back below
 * {@code from}: delivery resumes at full speed when the hits stop. Delivery never stops
 * (the share never falls below {@code min-share}), so a flood of genuine requests slows a
 * campaign but cannot hold it up; requests with made-up tokens are not counted at all.
 * Settings: {@code lux.delivery.yield-to-tracking.*}. Thread-safe: the delivery loops
 * share one instance.
 */
final class DeliveryYield {

    /** Sleeps; the test's sleeper moves a fake clock instead. */
    interface Sleeper {

        void sleep(long nanos) throws InterruptedException;

    }

    private static final Logger log = LoggerFactory.getLogger(DeliveryYield.class);

    private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(20);

    private static final long LOG_EVERY = TimeUnit.MINUTES.toNanos(1);

    private final DeliveryProperties.YieldToTracking settings;

    private final TrafficGauge traffic;

    private final LongSupplier nanoTime;

    private final Sleeper sleeper;

    private final long window;

    /** (time, total) samples of the gauge, oldest first, spanning about one window. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    private double lastRate;

    private long lastLog = Long.MIN_VALUE;

    private final AtomicLong yielded = new AtomicLong();

    private final AtomicLong pausedNanos = new AtomicLong();

    DeliveryYield(DeliveryProperties.YieldToTracking settings, TrafficGauge traffic, LongSupplier nanoTime,
            Sleeper sleeper) {
        this.settings = settings;
        this.traffic = traffic;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.window = settings.window().toNanos();
    }

    static DeliveryYield system(DeliveryProperties.YieldToTracking settings, TrafficGauge traffic) {
        return new DeliveryYield(settings, traffic, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** Now, on this policy's clock: what a loop passes to {@link #afterBatch}. */
    long now() {
        return nanoTime.getAsLong();
    }

    /**
     * Tracking requests per second over the last window (the rate seen last when too
     * little time has passed to tell).
     */
    synchronized double rate() {
        long now = nanoTime.getAsLong();
        long total = traffic.total();
        samples.addLast(new long[] { now, total });
        // drop the oldest while the next is at or before the window's start: the span
        // still covers the window
        while (samples.size() > 1) {
            Iterator<long[]> oldestFirst = samples.iterator();
            oldestFirst.next();
            if (oldestFirst.next()[0] > now - window) {
                break;
            }
            samples.removeFirst();
        }
        long[] oldest = samples.peekFirst();
        long span = now - oldest[0];
        if (span >= Math.max(window / 10, 1)) {
            lastRate = (total - oldest[1]) * 1e9 / span;
        }
        return lastRate;
    }

    /** 0 below {@code from} requests/s, rising linearly to 1 at {@code full}. */
    double pressure(double rate) {
        if (!settings.enabled() || rate <= settings.from()) {
            return 0;
        }
        return Math.min(1, (rate - settings.from()) / (settings.full() - settings.from()));
    }

    /** Delivery's share of its full speed under this pressure. */
    double share(double pressure) {
        return 1 - pressure * (1 - settings.minShare());
    }

    /**
     * The pause after a batch that took {@code tookNanos} so that delivery runs at
     * {@code share} of the time: took / share - took, at most {@code max-pause}.
     */
    long pauseFor(long tookNanos, double share) {
        if (share >= 1) {
            return 0;
        }
        return Math.min(settings.maxPause().toNanos(), Math.round(Math.max(tookNanos, 0) * (1 / share - 1)));
    }

    /**
     * Called by a delivery loop after a batch it began at {@code started} (from
     * {@link #now}): pauses while tracking is busy, and returns the nanoseconds paused.
     */
    long afterBatch(long started) {
        if (!settings.enabled()) {
            return 0;
        }
        long took = nanoTime.getAsLong() - started;
        double rate = rate();
        double share = share(pressure(rate));
        long pause = pauseFor(took, share);
        if (pause <= 0) {
            return 0;
        }
        yielded.incrementAndGet();
        logAtMostOncePerMinute(rate, share);
        long begin = nanoTime.getAsLong();
        long slept = 0;
        try {
            while (slept < pause) {
                sleeper.sleep(Math.min(SLICE, pause - slept));
                slept = nanoTime.getAsLong() - begin;
                // the traffic may have changed: stop at once when it is gone, shorten the
                // pause when it fell
                pause = Math.min(pause, pauseFor(took, share(pressure(rate()))));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slept = nanoTime.getAsLong() - begin;
        pausedNanos.addAndGet(slept);
        return slept;
    }

    private void logAtMostOncePerMinute(double rate, double share) {
        long now = nanoTime.getAsLong();
        synchronized (this) {
            if (lastLog != Long.MIN_VALUE && now - lastLog < LOG_EVERY) {
                return;
            }
            lastLog = now;
        }
        log.info("Delivery gives way to tracking: {} requests/s on the open and click routes, delivery loops "
                + "working {}% of the time (lux.delivery.yield-to-tracking: from {}/s, full {}/s, min-share {}); at most one such line a minute",
                Math.round(rate), Math.round(share * 100), settings.from(), settings.full(), settings.minShare());
    }

    /** Batches after which a loop paused, since start. */
    long yielded() {
        return yielded.get();
    }

    /** Nanoseconds the loops paused for tracking, since start. */
    long pausedNanos() {
        return pausedNanos.get();
    }

}
