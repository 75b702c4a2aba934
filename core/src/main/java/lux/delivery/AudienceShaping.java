package lux.delivery;

import java.util.List;
import lux.segments.SegmentSql;

/**
 * A feature that narrows or labels a starting campaign's recipient rows (an A/B test
 * keeps its test share and numbers the variants; its winner send leaves out the test
 * share). Both steps run at every materialisation of the campaign, so they must be safe
 * to repeat, and set-based: the audience may have a million rows.
 */
public interface AudienceShaping {

    /**
     * A condition on {@code contact c} that the campaign's rows must also meet, added to
     * the materialising INSERT ... SELECT so rows the shaping would remove are never
     * written (inserting a whole audience to delete four fifths of it cost an A/B test
     * seconds per 100,000); null when the campaign is not narrowed.
     * @param audience the campaign's audience condition, e.g. to count or rank it
     */
    default Narrowing narrowing(long campaignId, SegmentSql audience) {
        return null;
    }

    /** Labels or trims the rows just materialised. */
    void shape(long campaignId);

    /** SQL text on {@code contact c} and its bind values, in order. */
    record Narrowing(String where, List<Object> args) {

        public Narrowing {
            args = List.copyOf(args);
        }

    }

}
