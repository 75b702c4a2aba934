package lux.tracking;

import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * How much recipients' traffic this instance is answering: every GET or HEAD of the open
 * and click routes counts once (genuine token or not: a junk token costs the CPU too), so
 * work that can wait (delivery, see {@code lux.delivery.DeliveryYield}) can give the CPU
 * to it. Counting is one {@link LongAdder} increment on the hit path, with no lock, clock
 * read or allocation; readers turn the running total into a rate themselves.
 */
@Component
public class TrafficGauge {

    private final LongAdder hits = new LongAdder();

    /** One request to a tracking route. */
    public void hit() {
        hits.increment();
    }

    /** Requests counted since start; only ever grows. */
    public long total() {
        return hits.sum();
    }

}
