package lux.tracking;

import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * How much recipients' traffic this instance is answering: every GET or HEAD of the open
 * and click routes whose token passes the signature check counts once, so work that can
 * wait (delivery, see {@code lux.delivery.DeliveryYield}) can give the CPU to it. Junk
 * tokens are not counted: anyone can send them, and if they counted, a flood of made-up
 * requests would slow every campaign on the instance to delivery's minimum share (the
 * check costs one HMAC, cheap next to the rest of a request). Counting is one
 * {@link LongAdder} increment on the hit path, with no lock, clock read or allocation;
 * readers turn the running total into a rate themselves.
 */
@Component
public class TrafficGauge {

    private final LongAdder hits = new LongAdder();

    /** One request to a tracking route with a genuine token. */
    public void hit() {
        hits.increment();
    }

    /** Requests counted since start; only ever grows. */
    public long total() {
        return hits.sum();
    }

}
