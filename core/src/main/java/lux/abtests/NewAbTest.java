package lux.abtests;

import java.time.Duration;
import java.util.List;

/**
 * An A/B test to set up on a draft campaign: 2 to 4 variants, the share of the audience
 * that gets the test ({@code testPercent}, split evenly), the winner metric, the wait
 * before deciding, and who decides. {@code seed} fixes the random split (null: a fresh
 * random one, stored).
 */
public record NewAbTest(long campaignId, List<Variant> variants, int testPercent, AbMetric metric, Duration waitTime,
        AbMode mode, Long seed) {

    public NewAbTest {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A subject, and optionally another template's body (null: the campaign's). */
    public record Variant(String subject, Long templateId) {

        public static Variant subject(String subject) {
            return new Variant(subject, null);
        }

    }

}
