package lux.abtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict from hand-worked fixtures. Worked example (opens): A 200 sent, 30 opened
 * (15%); B 200 sent, 50 opened (25%). Pooled rate 80/400 = 0.2; standard error sqrt(0.2 x
 * 0.8 x (1/200 + 1/200)) = sqrt(0.0016) = 0.04; z = (0.25 - 0.15) / 0.04 = 2.5; two-sided
 * p = 2 x (1 - Phi(2.5)) = 2 x 0.0062097 = 0.0124193 &lt; 0.05: B wins.
 */
class AbStatisticsTest {

    @Test
    void theHandWorkedExampleGivesBTheWin() {
        AbStatistics.Verdict v = AbStatistics.judge(AbMetric.OPENS,
                List.of(new AbStatistics.Counts(0, 200, 30, 4), new AbStatistics.Counts(1, 200, 50, 6)));
        assertThat(v.leader()).isEqualTo(1);
        assertThat(v.runnerUp()).isEqualTo(0);
        assertThat(v.z()).isCloseTo(2.5, within(1e-9));
        assertThat(v.pValue()).isCloseTo(0.0124193, within(1e-6));
        assertThat(v.tooClose()).isFalse();
        assertThat(v.variants().get(0).pValueAgainstLeader()).isCloseTo(0.0124193, within(1e-6));
        assertThat(v.variants().get(1).pValueAgainstLeader()).isNull();
        assertThat(v.summary()).isEqualTo("B wins: B 25.0% vs A 15.0% open rate, p = 0.012.");
    }

    /**
     * A 100 sent, 20 clicked; B 100 sent, 17 clicked. Pooled 37/200 = 0.185; SE =
     * sqrt(0.185 x 0.815 x 0.02) = 0.0549136; z = 0.03 / 0.0549136 = 0.54631; p = 0.5849:
     * too close to call, and A (the better rate) stays the leader.
     */
    @Test
    void aSmallDifferenceIsTooCloseToCallButTheLeaderIsKept() {
        AbStatistics.Verdict v = AbStatistics.judge(AbMetric.CLICKS,
                List.of(new AbStatistics.Counts(0, 100, 60, 20), new AbStatistics.Counts(1, 100, 70, 17)));
        assertThat(v.leader()).isEqualTo(0);
        assertThat(v.z()).isCloseTo(0.54631, within(1e-4));
        assertThat(v.pValue()).isCloseTo(0.5849, within(1e-3));
        assertThat(v.tooClose()).isTrue();
        assertThat(v.summary()).startsWith("Too close to call: A 20.0% vs B 17.0% click rate, p = 0.58");
    }

    /** Click-to-open: clickers of openers. A 10 of 40 (25%) beats B 12 of 80 (15%). */
    @Test
    void clickToOpenDividesByTheOpeners() {
        AbStatistics.Verdict v = AbStatistics.judge(AbMetric.CLICK_TO_OPEN,
                List.of(new AbStatistics.Counts(0, 100, 40, 10), new AbStatistics.Counts(1, 100, 80, 12)));
        assertThat(v.leader()).isEqualTo(0);
        assertThat(v.variants().get(0).trials()).isEqualTo(40);
        assertThat(v.variants().get(0).rate()).isEqualTo(0.25);
        assertThat(v.variants().get(1).rate()).isEqualTo(0.15);
    }

    @Test
    void equalRatesGoToTheEarlierVariantAndNoDataIsTooClose() {
        AbStatistics.Verdict v = AbStatistics.judge(AbMetric.OPENS, List.of(new AbStatistics.Counts(0, 0, 0, 0),
                new AbStatistics.Counts(1, 0, 0, 0), new AbStatistics.Counts(2, 0, 0, 0)));
        assertThat(v.leader()).isEqualTo(0);
        assertThat(v.pValue()).isEqualTo(1.0);
        assertThat(v.tooClose()).isTrue();
    }

    @Test
    void thePValueMatchesTheNormalTable() {
        assertThat(AbStatistics.pValue(1.959964)).isCloseTo(0.05, within(1e-6));
        assertThat(AbStatistics.pValue(0)).isCloseTo(1.0, within(1e-6));
        assertThat(AbStatistics.pValue(-3.0)).isCloseTo(0.0026998, within(1e-6));
    }

    @Test
    void theTestShareIsAMultipleOfTheVariantCount() {
        assertThat(AbTestSplitter.testSize(100, 20, 2)).isEqualTo(20);
        assertThat(AbTestSplitter.testSize(101, 20, 3)).isEqualTo(18);
        assertThat(AbTestSplitter.testSize(5, 10, 2)).isEqualTo(2);
        assertThat(AbTestSplitter.testSize(1, 10, 2)).isEqualTo(0);
    }

}
