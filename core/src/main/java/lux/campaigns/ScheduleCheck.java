package lux.campaigns;

import java.util.List;
import lux.shared.LuxException;

/**
 * A check another module adds to every schedule plan (the pre-flight check): its findings
 * join the plan's, and when one of them blocks, scheduling is refused with this check's
 * own error, which lists all of them at once. It lets campaigns ask without depending on
 * the module that answers.
 */
public interface ScheduleCheck {

    /** Findings for sending this campaign, written for the marketer. */
    List<PlanCheck> check(CampaignView campaign);

    /**
     * The refusal when any of this check's findings blocks, built from the plan's
     * {@code findings} (this check's, as {@link #check} made them) without checking
     * again.
     */
    LuxException refusal(SchedulePlan plan, List<PlanCheck> findings);

    /** False for a check that only informs (its findings never block). */
    default boolean mayBlock() {
        return true;
    }

}
