package lux.abtests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An A/B test as people see it: its set-up, where it stands, the results so far with the
 * verdict, and the winner once decided ({@code winnerCampaignId}: the campaign that sends
 * it to the rest). {@code winnerAudience} is how many people the winner would go to now:
 * the audience less the test share (see {@link AbTestService#winnerAudience}).
 */
public record AbTestView(long campaignId, String campaignName, AbTestStatus status, AbMetric metric, AbMode mode,
        int testPercent, Duration waitTime, long seed, int testSize, Instant decideAt, List<Variant> variants,
        AbStatistics.Verdict verdict, Integer winner, Long winnerCampaignId, String decision, String decidedBy,
        Instant decidedAt, long winnerAudience) {

    public AbTestView {
        variants = List.copyOf(variants);
    }

    /** A variant's letter, subject and (when it has its own body) template. */
    public record Variant(int number, String label, String subject, String templateName) {
    }

    public String winnerLabel() {
        return winner == null ? null : AbStatistics.label(winner);
    }

    /** Whether a person may pick the winner now. */
    public boolean choosable() {
        return status == AbTestStatus.AWAITING_CHOICE || status == AbTestStatus.TESTING;
    }

}
