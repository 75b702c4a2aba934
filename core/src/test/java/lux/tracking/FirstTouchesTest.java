package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch's first opens and clicks per recipient: the earliest hit, and the earliest by a
 * person beside it.
 */
class FirstTouchesTest {

    private static final Instant T = Instant.parse("2026-11-30T09:00:00Z");

    private static ClassifiedHit open(long recipient, int second, String machineReason) {
        return new ClassifiedHit(new Hit(EventKind.OPEN, 1, recipient, null, T.plusSeconds(second), "UA"),
                machineReason, 0);
    }

    private static ClassifiedHit click(long recipient, int second, String machineReason) {
        return new ClassifiedHit(new Hit(EventKind.CLICK, 1, recipient, 5L, T.plusSeconds(second), "UA"), machineReason,
                0);
    }

    private static ClassifiedHit stored(ClassifiedHit hit, int storedFirsts) {
        return new ClassifiedHit(hit.hit(), hit.machineReason(), storedFirsts);
    }

    @Test
    void theFirstHitPerRecipientCountsAndAPersonsFirstHitIsKeptApartFromAMachines() {
        FirstTouches.Firsts firsts = FirstTouches
            .of(List.of(open(10, 1, "apple-mpp"), open(10, 5, null), open(10, 9, null), click(10, 6, "link-scanner"),
                    open(20, 2, null), click(20, 3, null), click(20, 4, null)));

        assertThat(firsts.open()).containsOnlyKeys(10L, 20L);
        assertThat(firsts.open().get(10L).at()).isEqualTo(T.plusSeconds(1)); // the
                                                                             // proxy's
                                                                             // open was
                                                                             // first
        assertThat(firsts.humanOpen().get(10L).at()).isEqualTo(T.plusSeconds(5)); // the
                                                                                  // person's,
                                                                                  // later
        assertThat(firsts.click()).containsOnlyKeys(10L, 20L);
        assertThat(firsts.humanClick()).containsOnlyKeys(20L); // recipient 10 only had a
                                                               // scanner click
        assertThat(firsts.humanClick().get(20L).at()).isEqualTo(T.plusSeconds(3));
        assertThat(firsts.humanOpen().get(20L).at()).isEqualTo(T.plusSeconds(2));
    }

    @Test
    void aBatchOfMachinesOnlyHasNoPersonsFirsts() {
        FirstTouches.Firsts firsts = FirstTouches
            .of(List.of(open(30, 0, "apple-mpp"), click(30, 1, "within-5s-of-delivery")));
        assertThat(firsts.open()).containsOnlyKeys(30L);
        assertThat(firsts.click()).containsOnlyKeys(30L);
        assertThat(firsts.humanOpen()).isEmpty();
        assertThat(firsts.humanClick()).isEmpty();
    }

    @Test
    void aColumnAlreadySetWhenReadIsNotTriedAgainButTheOthersAre() {
        int opened = FirstTouches.stored(true, true, false, false);
        int machineOpenedOnly = FirstTouches.stored(true, false, false, false);
        int everything = FirstTouches.stored(true, true, true, true);
        FirstTouches.Firsts firsts = FirstTouches.of(List.of(stored(open(40, 0, null), opened),
                stored(click(40, 1, null), opened), stored(open(50, 2, null), machineOpenedOnly),
                stored(open(60, 3, null), everything), stored(click(60, 4, null), everything)));

        assertThat(firsts.open()).isEmpty(); // 40, 50 and 60 had opened before this batch
        assertThat(firsts.humanOpen()).containsOnlyKeys(50L); // only a proxy had opened
                                                              // 50's
        assertThat(firsts.click()).containsOnlyKeys(40L);
        assertThat(firsts.humanClick()).containsOnlyKeys(40L);
    }

}
