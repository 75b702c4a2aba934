package lux.tracking;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How much recipients' traffic this instance is answering, so work that can wait
 * (delivery, see {@code lux.delivery.DeliveryYield}) can give the CPU to it. A GET or
 * HEAD of the open and click routes counts when its token passes the signature check, and
 * each token counts at most once per {@code lux.tracking.count-token-once-per} (1
 * second). Anyone can send made-up tokens, and anyone who received one mail holds a
 * genuine token and can replay it: if either counted without bound, a flood from one
 * person would slow every campaign on the instance to delivery's minimum share. With the
 * cap, slowing delivery at all takes as many genuine tokens per second as the policy's
 * {@code from} (300), which one reader does not have. A person opening a mail, or a mail
 * provider's proxy fetching it, is counted as before.
 * <p>
 * The hit path stays cheap: a clock read, one slot of a fixed table of recent tokens
 * (compare, then set; no lock, no allocation) and a {@link LongAdder} increment. Two
 * tokens sharing a slot each count, so the table errs on the side of counting; two
 * threads replaying one token in the same instant may both count, which is bounded by the
 * request threads.
 */
@Component
public class TrafficGauge {

    /** Recent tokens remembered: 16,384 slots, 128 KB. */
    private static final int SLOTS = 1 << 14;

    /** The low bits of a slot's value hold the interval number; the rest, the token's. */
    private static final long TICK_BITS = 0xFFFFFL;

    private final LongAdder hits = new LongAdder();

    private final AtomicLongArray recent = new AtomicLongArray(SLOTS);

    private final long intervalNanos;

    private final LongSupplier nanoTime;

    @Autowired
    public TrafficGauge(TrackingProperties properties) {
        this(properties.countTokenOncePer(), System::nanoTime);
    }

    /** Every genuine hit counts: for tests of what reads the gauge. */
    public static TrafficGauge countingEveryHit() {
        return new TrafficGauge(Duration.ZERO, System::nanoTime);
    }

    TrafficGauge(Duration oncePer, LongSupplier nanoTime) {
        this.intervalNanos = oncePer.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * One request to a tracking route with a genuine token; {@code token} tells tokens
     * apart (see {@link #key}).
     */
    public void hit(long token) {
        if (intervalNanos > 0) {
            long mixed = mix(token);
            long stamp = (mixed & ~TICK_BITS) | ((nanoTime.getAsLong() / intervalNanos) & TICK_BITS);
            int slot = (int) mixed & (SLOTS - 1);
            if (recent.get(slot) == stamp) {
                return; // this token was counted in this interval already
            }
            recent.set(slot, stamp);
        }
        hits.increment();
    }

    /** Requests counted since start; only ever grows. */
    public long total() {
        return hits.sum();
    }

    /** What tells tokens apart: their kind, recipient and link. */
    static long key(TrackingToken token) {
        return (token.recipientId() * 31 + token.linkId()) * 2 + (token.kind() == TokenKind.OPEN ? 0 : 1);
    }

    /** MurmurHash3's 64-bit finaliser: nearby keys land in unrelated slots. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53a87cdL;
        h ^= h >>> 33;
        return h;
    }

}
