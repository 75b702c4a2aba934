package lux.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Exchange Online limits held in the database: two pools on one database stand for two
 * LUX instances, and together they must stay within one mailbox's limits. Time is a
 * {@link MutableClock} shared by both.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class MailboxPoolTest {

    static final String BOX = "news@contoso.test";
    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    MutableClock clock;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        clock = new MutableClock(START);
    }

    private MailboxPool pool(int perMinute, int perDay, int concurrent) {
        return new MailboxPool(
                new DeliveryProperties.Limits(true, perMinute, perDay, concurrent, Duration.ofMinutes(2)), jdbc, clock);
    }

    /**
     * Takes slots (and gives each back at once) until the pool says wait; returns how
     * many it got.
     */
    private static int drain(MailboxPool pool, String... senders) {
        int granted = 0;
        Object result;
        while ((result = pool.tryAcquire(List.of(senders))) instanceof MailboxPool.Slot slot) {
            pool.release(slot);
            granted++;
            assertThat(granted).as("runaway: the pool never refused").isLessThan(10_000);
        }
        return granted;
    }

    @Test
    void twoInstancesTogetherStayWithinTheSlidingMinuteAndTheDay() throws Exception {
        MailboxPool a = pool(5, 12, 50);
        MailboxPool b = pool(5, 12, 50);

        // both instances race for the first minute's slots from four threads each
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> racers = new ArrayList<>();
        AtomicInteger dailyRefusals = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            MailboxPool pool = i % 2 == 0 ? a : b;
            racers.add(threads.submit(() -> {
                int got = 0;
                for (int attempt = 0; attempt < 30; attempt++) {
                    Object result = pool.tryAcquire(List.of(BOX));
                    if (result instanceof MailboxPool.Slot slot) {
                        got++;
                        pool.release(slot);
                    }
                    else if (((MailboxPool.Wait) result).dailyLimit()) {
                        dailyRefusals.incrementAndGet();
                    }
                }
                return got;
            }));
        }
        int raced = 0;
        for (Future<Integer> racer : racers) {
            raced += racer.get();
        }
        threads.shutdown();
        assertThat(raced + drain(a, BOX) + drain(b, BOX)).isEqualTo(5);
        assertThat(dailyRefusals.get()).as("a lost race is no daily limit (5 of 12 used)").isZero();

        // sliding: the five sends of 10:00:00 hold their slots until 10:01:00, for both
        // instances
        clock.advance(Duration.ofSeconds(30));
        assertThat(b.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(START.plusSeconds(60), false));
        clock.advance(Duration.ofSeconds(30));
        assertThat(drain(b, BOX)).isEqualTo(5);
        assertThat(drain(a, BOX)).isZero();

        // the day: 12 recipients in a rolling day, then both wait until 10:00's count
        // leaves the 25-hour window
        clock.advance(Duration.ofSeconds(60));
        assertThat(drain(a, BOX) + drain(b, BOX)).isEqualTo(2);
        Instant windowEnd = Instant.parse("2026-11-27T11:00:00Z");
        assertThat(a.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(windowEnd, true));
        assertThat(b.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(windowEnd, true));

        // midnight UTC starts no new allowance (Exchange counts 24 hours back from each
        // send)
        clock.set(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(a.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(windowEnd, true));
        clock.set(windowEnd.minusSeconds(1));
        assertThat(b.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(windowEnd, true));

        clock.set(windowEnd);
        assertThat(drain(b, BOX)).isEqualTo(5);
        assertThat(jdbc.queryForList("SELECT used FROM mailbox_hour WHERE mailbox = ?", Integer.class, BOX))
            .as("this hour's count; yesterday's has been dropped")
            .containsExactly(5);
    }

    @Test
    void sendsLateInAnHourCountForAFullDayAndTheWindowFreesHourByHour() {
        MailboxPool a = pool(3, 6, 50);
        clock.set(Instant.parse("2026-11-26T10:59:59Z"));
        assertThat(drain(a, BOX)).isEqualTo(3); // the minute's 3, in the 10:00 hour
        clock.set(Instant.parse("2026-11-26T11:30:00Z"));
        assertThat(drain(a, BOX)).isEqualTo(3); // 3 more in the 11:00 hour: the rolling
                                                // day's 6
        Instant first = Instant.parse("2026-11-27T11:00:00Z"); // 10:00's count leaves 25
                                                               // hours after the hour
                                                               // began
        assertThat(a.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(first, true));
        clock.set(first.minusSeconds(1)); // 24 hours after the 10:59:59 sends: still
                                          // counted (the safe side)
        assertThat(a.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(first, true));
        clock.set(first);
        assertThat(drain(a, BOX)).isEqualTo(3); // only the 10:00 hour's 3 have left
        assertThat(a.tryAcquire(List.of(BOX)))
            .isEqualTo(new MailboxPool.Wait(Instant.parse("2026-11-27T12:00:00Z"), true));
    }

    @Test
    void theMinuteWindowSlidesSendBySend() {
        MailboxPool a = pool(5, 1000, 50);
        MailboxPool b = pool(5, 1000, 50);
        for (int i = 0; i < 3; i++) {
            assertThat(a.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
        }
        clock.advance(Duration.ofSeconds(40));
        assertThat(drain(b, BOX)).isEqualTo(2);
        assertThat(a.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(START.plusSeconds(60), false));

        clock.set(START.plusSeconds(60)); // the first three are a minute old, the last
                                          // two are not
        assertThat(drain(a, BOX)).isEqualTo(3);
        assertThat(b.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(START.plusSeconds(100), false));
    }

    @Test
    void concurrentRequestsAcrossInstancesNeverExceedTheLimit() throws Exception {
        MailboxPool a = pool(10_000, 100_000, 3);
        MailboxPool b = pool(10_000, 100_000, 3);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            MailboxPool pool = i % 2 == 0 ? a : b;
            workers.add(() -> {
                for (int attempt = 0; attempt < 40; attempt++) {
                    if (pool.tryAcquire(List.of(BOX)) instanceof MailboxPool.Slot slot) {
                        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.sleep(3); // the "request"
                        inFlight.decrementAndGet();
                        pool.release(slot);
                        sent.incrementAndGet();
                    }
                    else {
                        Thread.sleep(1);
                    }
                }
                return null;
            });
        }
        for (Future<Void> f : threads.invokeAll(workers)) {
            f.get();
        }
        threads.shutdown();
        assertThat(most.get()).isBetween(1, 3);
        assertThat(sent.get()).isPositive();
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM mailbox_slot WHERE kind = 'request' AND holder IS NOT NULL", Integer.class))
            .as("every slot given back")
            .isZero();

        // and step by step: three slots between the two instances, the fourth waits until
        // one is given back
        MailboxPool.Slot first = (MailboxPool.Slot) a.tryAcquire(List.of(BOX));
        assertThat(a.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
        assertThat(b.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
        assertThat(b.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Wait.class);
        a.release(first);
        assertThat(b.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
    }

    @Test
    void aCrashedInstancesRequestSlotsAreReclaimedWhenTheirLeaseExpires() {
        MailboxPool crashed = pool(1000, 1000, 2);
        MailboxPool survivor = pool(1000, 1000, 2);
        MailboxPool.Slot lost = (MailboxPool.Slot) crashed.tryAcquire(List.of(BOX));
        assertThat(crashed.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
        // the instance dies here without releasing either slot

        clock.advance(Duration.ofSeconds(119));
        assertThat(survivor.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Wait.class);
        clock.advance(Duration.ofSeconds(1)); // the 2-minute lease is over
        MailboxPool.Slot reclaimed = (MailboxPool.Slot) survivor.tryAcquire(List.of(BOX));
        MailboxPool.Slot second = (MailboxPool.Slot) survivor.tryAcquire(List.of(BOX));
        assertThat(List.of(reclaimed.request(), second.request())).containsExactlyInAnyOrder(0, 1);

        // a late release from the old holder must not free the survivor's lease on the
        // same slot
        crashed.release(lost);
        assertThat(survivor.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Wait.class);
        survivor.release(reclaimed);
        assertThat(survivor.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
    }

    @Test
    void aRetryAfterPauseSetByOneInstanceIsHonouredByTheOther() {
        MailboxPool a = pool(1000, 1000, 4);
        MailboxPool b = pool(1000, 1000, 4);
        a.backOff(BOX, Duration.ofSeconds(30));
        assertThat(b.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(START.plusSeconds(30), false));

        a.backOff(BOX, Duration.ofSeconds(10)); // a shorter Retry-After does not cut the
                                                // pause short
        clock.advance(Duration.ofSeconds(29));
        assertThat(b.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Wait(START.plusSeconds(30), false));
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
        assertThat(jdbc.queryForObject("SELECT SUM(used) FROM mailbox_hour WHERE mailbox = ?", Integer.class, BOX))
            .as("refusals reserve nothing")
            .isEqualTo(1);
    }

    @Test
    void pooledMailboxesAreUsedInTurnAndWaitForTheSoonest() {
        MailboxPool a = pool(2, 3, 4);
        MailboxPool b = pool(2, 3, 4);
        String other = "offers@contoso.test";
        assertThat(drain(a, BOX, other)).isEqualTo(4);
        assertThat(jdbc.queryForList("SELECT used FROM mailbox_hour ORDER BY mailbox", Integer.class))
            .containsExactly(2, 2);
        b.backOff(other, Duration.ofSeconds(20));
        assertThat(b.tryAcquire(List.of(BOX, other))).isEqualTo(new MailboxPool.Wait(START.plusSeconds(20), false));
        clock.advance(Duration.ofSeconds(60));
        assertThat(drain(b, BOX, other)).isEqualTo(2); // one more each: the day's quota
                                                       // of 3
        assertThat(a.tryAcquire(List.of(BOX, other)))
            .isEqualTo(new MailboxPool.Wait(Instant.parse("2026-11-27T11:00:00Z"), true));
    }

    @Test
    void theEstimateFollowsTheRateAndWhatIsLeftOfTheRollingDay() {
        MailboxPool a = pool(60, 100, 4); // one message a second, 100 in a rolling day
        MailboxPool b = pool(60, 100, 4);
        assertThat(a.estimateFinish(50, List.of(BOX))).isEqualTo(START.plusSeconds(50));
        // 100 go out by 10:01:40, the next 50 once 10:00's count leaves the window (11:00
        // the next day)
        assertThat(a.estimateFinish(150, List.of(BOX))).isEqualTo(Instant.parse("2026-11-27T11:00:50Z"));
        assertThat(a.estimateFinish(250, List.of(BOX))).isEqualTo(Instant.parse("2026-11-28T12:00:50Z"));
        assertThat(a.estimateFinish(0, List.of(BOX))).isEqualTo(START);

        assertThat(drain(b, BOX)).isEqualTo(60); // the other instance sent 60 of the
                                                 // window's 100
        assertThat(a.estimateFinish(50, List.of(BOX))).isEqualTo(Instant.parse("2026-11-27T11:00:10Z"));
        assertThat(a.estimateFinish(40, List.of(BOX))).isEqualTo(START.plusSeconds(40));
        // a campaign scheduled after those 60 have left the window has the whole
        // allowance
        Instant later = Instant.parse("2026-11-27T12:00:00Z");
        assertThat(a.estimateFinish(50, List.of(BOX), later)).isEqualTo(later.plusSeconds(50));
        // scheduled for this evening, the 60 still count
        Instant evening = Instant.parse("2026-11-26T20:00:00Z");
        assertThat(a.estimateFinish(50, List.of(BOX), evening))
            .isEqualTo(evening.plus(MailboxPool.DAY_WINDOW).plusSeconds(10));
        // two pooled mailboxes: twice the rate and allowance
        assertThat(a.estimateFinish(100, List.of(BOX, "offers@contoso.test"), later)).isEqualTo(later.plusSeconds(50));
    }

    @Test
    void disabledLimitsNeverTouchTheDatabase() {
        AtomicInteger connections = new AtomicInteger();
        DataSource counting = new DelegatingDataSource(jdbc.getDataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                connections.incrementAndGet();
                return super.getConnection();
            }
        };
        MailboxPool off = new MailboxPool(new DeliveryProperties.Limits(false, 1, 1, 1, Duration.ofMinutes(2)),
                new JdbcTemplate(counting), clock);
        for (int i = 0; i < 100; i++) {
            MailboxPool.Slot slot = (MailboxPool.Slot) off.tryAcquire(List.of(BOX));
            off.release(slot);
        }
        off.backOff(BOX, Duration.ofSeconds(30));
        assertThat(off.tryAcquire(List.of(BOX))).isEqualTo(new MailboxPool.Slot(BOX));
        assertThat(off.estimateFinish(1_000_000, List.of(BOX))).isEqualTo(START);
        assertThat(connections.get()).isZero();

        MailboxPool on = new MailboxPool(new DeliveryProperties.Limits(true, 1, 1, 1, Duration.ofMinutes(2)),
                new JdbcTemplate(counting), clock);
        assertThat(on.tryAcquire(List.of(BOX))).isInstanceOf(MailboxPool.Slot.class);
        assertThat(connections.get()).as("the same counter sees an enabled pool's work").isPositive();
    }

}
