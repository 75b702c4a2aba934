package lux.abtests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of an A/B test from its counts, with the numbers behind it. The leader is
 * the variant with the highest rate (ties: more successes, then the earlier variant, A
 * first). It is compared with the runner-up by a pooled two-proportion z-test, two-sided;
 * at p &lt; 0.05 it wins, otherwise the result is "too close to call". Rule for automatic
 * mode: a too-close result still sends the leader (the better observed rate, however
 * slight), because holding the rest of the audience back for ever costs more than a near
 * coin-flip; the verdict says it was too close. Pure: no clock, no database.
 */
public final class AbStatistics {

    /** Below this p-value the leader's lead is taken as real. */
    public static final double SIGNIFICANCE = 0.05;

    private AbStatistics() {
    }

    /** One variant's raw numbers: recipients sent, human openers, human clickers. */
    public record Counts(int variant, long sent, long opened, long clicked) {
    }

    /**
     * One variant's trials and successes under the metric, its rate, and the p-value of
     * its difference from the leader (null for the leader itself).
     */
    public record VariantResult(int variant, String label, long sent, long opened, long clicked, long trials,
            long successes, double rate, Double pValueAgainstLeader) {
    }

    /** The verdict: leader, runner-up, the z statistic and p-value between them. */
    public record Verdict(AbMetric metric, List<VariantResult> variants, int leader, Integer runnerUp, double z,
            double pValue, boolean tooClose) {

        public String leaderLabel() {
            return label(leader);
        }

        /** One sentence with the numbers, for cards, the console and the API. */
        public String summary() {
            VariantResult lead = variants.stream().filter(v -> v.variant() == leader).findFirst().orElseThrow();
            if (runnerUp == null) {
                return "Only variant " + lead.label() + " has results.";
            }
            VariantResult second = variants.stream().filter(v -> v.variant() == runnerUp).findFirst().orElseThrow();
            String numbers = lead.label() + " " + percent(lead.rate()) + " vs " + second.label() + " "
                    + percent(second.rate()) + " " + metric.rateName() + ", p = " + pValueText(pValue);
            return tooClose ? "Too close to call: " + numbers + " (p >= 0.05)."
                    : lead.label() + " wins: " + numbers + ".";
        }

    }

    /** The letter of variant {@code n}: 0 is A. */
    public static String label(int n) {
        return String.valueOf((char) ('A' + n));
    }

    public static Verdict judge(AbMetric metric, List<Counts> counts) {
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("an A/B test has variants");
        }
        List<long[]> ts = new ArrayList<>();
        for (Counts c : counts) {
            ts.add(trialsAndSuccesses(metric, c));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -rate(ts.get(i)))
            .thenComparingLong(i -> -ts.get(i)[1])
            .thenComparingInt(i -> counts.get(i).variant()));
        int lead = order.get(0);
        long[] leadTs = ts.get(lead);
        List<VariantResult> results = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            Counts c = counts.get(i);
            long[] t = ts.get(i);
            Double p = i == lead ? null : pValue(z(leadTs[1], leadTs[0], t[1], t[0]));
            results.add(new VariantResult(c.variant(), label(c.variant()), c.sent(), c.opened(), c.clicked(), t[0],
                    t[1], rate(t), p));
        }
        if (order.size() == 1) {
            return new Verdict(metric, results, counts.get(lead).variant(), null, 0, 1, true);
        }
        int second = order.get(1);
        double z = z(leadTs[1], leadTs[0], ts.get(second)[1], ts.get(second)[0]);
        double p = pValue(z);
        return new Verdict(metric, results, counts.get(lead).variant(), counts.get(second).variant(), z, p,
                p >= SIGNIFICANCE);
    }

    /**
     * The pooled two-proportion z statistic of x1/n1 against x2/n2; 0 when it is not
     * defined (no trials, or a pooled rate of 0 or 1: nothing tells them apart).
     */
    static double z(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return 0;
        }
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return 0;
        }
        return ((double) x1 / n1 - (double) x2 / n2) / se;
    }

    /** Two-sided p-value of a standard normal z: erfc(|z| / sqrt 2). */
    static double pValue(double z) {
        return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /**
     * The complementary error function (Numerical Recipes' Chebyshev fit, fractional
     * error below 1.2e-7 everywhere).
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math
            .exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    private static long[] trialsAndSuccesses(AbMetric metric, Counts c) {
        return switch (metric) {
            case OPENS -> new long[] { c.sent(), c.opened() };
            case CLICKS -> new long[] { c.sent(), c.clicked() };
            case CLICK_TO_OPEN -> new long[] { c.opened(), c.clicked() };
        };
    }

    private static double rate(long[] ts) {
        return ts[0] == 0 ? 0 : (double) ts[1] / ts[0];
    }

    /** A rate as cards and summaries show it: "12.5%". */
    public static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    /** A p-value as cards and summaries show it: "0.031", or "< 0.001". */
    public static String pValueText(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

}
