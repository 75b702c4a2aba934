package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lux.tracking.TrafficGauge;
import org.junit.jupiter.api.Test;

/**
 * The back-off policy on a clock the test moves: nothing here waits or measures wall
 * time. Traffic is made by counting hits on the real gauge while the fake time passes.
 */
class DeliveryYieldTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** from 300/s, full 3,000/s, min share 5%, window 250 ms, pauses of at most 1 s. */
    private static final DeliveryProperties.YieldToTracking DEFAULTS = new DeliveryProperties.YieldToTracking(true, 300,
            3000, 0.05, Duration.ofMillis(250), Duration.ofSeconds(1));

    private final TrafficGauge gauge = TrafficGauge.countingEveryHit();

    private long now = 1_000_000_000L;

    /** Requests/s arriving while time passes (also during the policy's sleeps). */
    private double rate;

    private double owed;

    private final List<Long> sleeps = new ArrayList<>();

    private DeliveryYield policy(DeliveryProperties.YieldToTracking settings) {
        return new DeliveryYield(settings, gauge, () -> now, nanos -> {
            sleeps.add(nanos);
            pass(nanos);
        });
    }

    /**
     * Time passes at the current request rate, the policy looking at the gauge now and
     * then.
     */
    private void pass(long nanos) {
        owed += rate * nanos / 1e9;
        while (owed >= 1) {
            gauge.hit(0); // counting every hit: one token stands for many readers
            owed--;
        }
        now += nanos;
    }

    /**
     * A second of traffic at {@code perSecond}, the policy sampling every 10 ms as a loop
     * would.
     */
    private void traffic(DeliveryYield policy, double perSecond) {
        rate = perSecond;
        for (int i = 0; i < 100; i++) {
            policy.rate();
            pass(10 * MS);
        }
    }

    /**
     * A batch that takes {@code millis}, then the policy's pause; the nanoseconds paused.
     */
    private long batch(DeliveryYield policy, long millis) {
        long started = policy.now();
        pass(millis * MS);
        return policy.afterBatch(started);
    }

    @Test
    void withoutTrafficDeliveryNeverPauses() {
        DeliveryYield policy = policy(DEFAULTS);
        traffic(policy, 0);
        assertThat(batch(policy, 10)).isZero();
        assertThat(policy.yielded()).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void belowTheThresholdDeliveryRunsAtFullSpeed() {
        DeliveryYield policy = policy(DEFAULTS);
        traffic(policy, 250);
        assertThat(policy.rate()).isBetween(245.0, 255.0);
        assertThat(batch(policy, 10)).isZero();
        assertThat(policy.yielded()).isZero();
    }

    @Test
    void atFullPressureDeliveryRunsAtItsMinimumShare() {
        DeliveryYield policy = policy(DEFAULTS);
        traffic(policy, 10_000);
        // a 10 ms batch at 5% of the time: 190 ms of pause, slept in 20 ms slices
        assertThat(batch(policy, 10)).isEqualTo(190 * MS);
        assertThat(sleeps).hasSize(10).allMatch(s -> s <= 20 * MS);
        assertThat(policy.yielded()).isEqualTo(1);
        assertThat(policy.pausedNanos()).isEqualTo(190 * MS);
    }

    @Test
    void thePauseGrowsWithThePressure() {
        DeliveryYield policy = policy(DEFAULTS);
        traffic(policy, 1650); // halfway between 300 and 3,000: pressure 0.5, share 52.5%
        assertThat(policy.pressure(policy.rate())).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        long paused = batch(policy, 21);
        // 21 ms / 0.525 - 21 ms = 19 ms
        assertThat(paused).isBetween(18 * MS, 20 * MS);
        assertThat(policy.pauseFor(21 * MS, policy.share(0.25))).isLessThan(paused);
        assertThat(policy.pauseFor(21 * MS, policy.share(0.75))).isGreaterThan(paused);
    }

    @Test
    void aLongBatchPausesAtMostMaxPause() {
        DeliveryYield policy = policy(DEFAULTS);
        traffic(policy, 10_000);
        assertThat(batch(policy, 500)).isEqualTo(1000 * MS); // not 9.5 s
    }

    @Test
    void whenTheHitsStopDeliveryResumesWithinAWindow() {
        DeliveryYield policy = policy(DEFAULTS);
        traffic(policy, 10_000);
        long started = policy.now();
        pass(500 * MS); // a slow batch: 1 s of pause due
        rate = 0; // the traffic stops
        long paused = policy.afterBatch(started);
        assertThat(paused).isLessThanOrEqualTo(250 * MS + 20 * MS).isGreaterThan(0);
        // and the next batch goes at full speed
        assertThat(batch(policy, 10)).isZero();
        assertThat(policy.yielded()).isEqualTo(1);
    }

    @Test
    void aBurstOnlySlowsTheBatchesWhileItLasts() {
        DeliveryYield policy = policy(DEFAULTS);
        traffic(policy, 0);
        int paused = 0;
        for (int i = 0; i < 10; i++) {
            paused += batch(policy, 10) > 0 ? 1 : 0;
        }
        traffic(policy, 10_000);
        int pausedDuringBurst = 0;
        for (int i = 0; i < 10; i++) {
            pausedDuringBurst += batch(policy, 10) > 0 ? 1 : 0;
        }
        traffic(policy, 0);
        int pausedAfter = 0;
        for (int i = 0; i < 10; i++) {
            pausedAfter += batch(policy, 10) > 0 ? 1 : 0;
        }
        assertThat(paused).isZero();
        assertThat(pausedDuringBurst).isEqualTo(10);
        assertThat(pausedAfter).isZero();
    }

    @Test
    void itSaysSoInTheLogAtMostOnceAMinute() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
            .getLogger(DeliveryYield.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            DeliveryYield policy = policy(DEFAULTS);
            traffic(policy, 10_000);
            for (int i = 0; i < 20; i++) {
                assertThat(batch(policy, 10)).isPositive();
            }
            assertThat(lines.list).hasSize(1);
            assertThat(lines.list.get(0).getFormattedMessage()).startsWith(
                    "Delivery gives way to tracking: 10000 requests/s on the open and click routes, delivery loops working 5% of the time");
            for (int i = 0; i < 60; i++) {
                traffic(policy, 10_000);
            }
            assertThat(batch(policy, 10)).isPositive();
            assertThat(lines.list).hasSize(2);
        }
        finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void switchedOffDeliveryIgnoresTheTraffic() {
        DeliveryYield policy = policy(new DeliveryProperties.YieldToTracking(false, 300, 3000, 0.05,
                Duration.ofMillis(250), Duration.ofSeconds(1)));
        traffic(policy, 10_000);
        assertThat(batch(policy, 10)).isZero();
        assertThat(policy.yielded()).isZero();
    }

    @Test
    void settingsThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> new DeliveryProperties.YieldToTracking(true, 3000, 3000, 0.05, Duration.ofMillis(250),
                Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("full (3000 requests/s) must be above")
            .hasMessageContaining("from (3000)");
        assertThatThrownBy(() -> new DeliveryProperties.YieldToTracking(true, 300, 3000, 0, Duration.ofMillis(250),
                Duration.ofSeconds(1)))
            .hasMessageContaining("min-share must be between 0.01 and 1, not 0.0");
        assertThatThrownBy(() -> new DeliveryProperties.YieldToTracking(true, -1, 3000, 0.05, Duration.ofMillis(250),
                Duration.ofSeconds(1)))
            .hasMessageContaining("from must not be negative");
        assertThatThrownBy(() -> new DeliveryProperties.YieldToTracking(true, 300, 3000, 0.05, Duration.ZERO,
                Duration.ofSeconds(1)))
            .hasMessageContaining("window must be a positive duration");
        assertThatThrownBy(() -> new DeliveryProperties.YieldToTracking(true, 300, 3000, 0.05, Duration.ofMillis(250),
                Duration.ofSeconds(-1)))
            .hasMessageContaining("max-pause must not be negative");
    }

}
