package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What counts as traffic: each genuine token at most once per interval, on a fake clock.
 */
class TrafficGaugeTest {

    final AtomicLong now = new AtomicLong(5_000_000_000L);

    final TrafficGauge gauge = new TrafficGauge(Duration.ofSeconds(1), now::get);

    @Test
    void aReplayedTokenCountsOncePerSecond() {
        long token = TrafficGauge.key(new TrackingToken(TokenKind.OPEN, 7, 42, 0));
        for (int i = 0; i < 1000; i++) {
            gauge.hit(token);
        }
        assertThat(gauge.total()).isEqualTo(1);
        now.addAndGet(999_000_000L); // same second
        gauge.hit(token);
        assertThat(gauge.total()).isEqualTo(1);
        now.addAndGet(1_000_000L); // the next second
        gauge.hit(token);
        gauge.hit(token);
        assertThat(gauge.total()).isEqualTo(2);
    }

    @Test
    void distinctTokensEachCount() {
        for (long recipient = 1; recipient <= 2000; recipient++) {
            gauge.hit(TrafficGauge.key(new TrackingToken(TokenKind.OPEN, 7, recipient, 0)));
            gauge.hit(TrafficGauge.key(new TrackingToken(TokenKind.CLICK, 7, recipient, 3)));
            gauge.hit(TrafficGauge.key(new TrackingToken(TokenKind.CLICK, 7, recipient, 4)));
        }
        // a reader's open and the clicks on two links are three tokens
        assertThat(gauge.total()).isEqualTo(6000);
    }

    @Test
    void aFloodOfReplaysAmongGenuineReadersIsCountedAsOneReaderEachSecond() {
        long replayed = TrafficGauge.key(new TrackingToken(TokenKind.CLICK, 7, 1, 3));
        for (int second = 0; second < 10; second++) {
            for (long recipient = 100; recipient < 400; recipient++) {
                gauge.hit(replayed);
                gauge.hit(TrafficGauge.key(new TrackingToken(TokenKind.OPEN, 7, recipient + second * 1000, 0)));
            }
            now.addAndGet(1_000_000_000L);
        }
        // 300 readers a second for ten seconds, plus the one replayed token once a second
        assertThat(gauge.total()).isEqualTo(10 * 300 + 10);
    }

    @Test
    void zeroCountsEveryHit() {
        TrafficGauge every = new TrafficGauge(Duration.ZERO, now::get);
        for (int i = 0; i < 50; i++) {
            every.hit(1);
        }
        assertThat(every.total()).isEqualTo(50);
    }

}
