package lux.campaigns;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What scheduling a campaign for {@code when} would do: how many contacts it reaches
 * today, what stands in the way or deserves a warning, and when the send would be out at
 * the mailbox limits. The same plan for chat, console and API.
 */
public record SchedulePlan(CampaignView campaign, ZonedDateTime when, long audienceCount, List<PlanCheck> checks,
        Instant estimatedFinish) {
    public SchedulePlan {
        checks = List.copyOf(checks);
    }

    public boolean blocked() {
        return checks.stream().anyMatch(PlanCheck::blocks);
    }

    /** What stands in the way: a Confirm card shows these and offers no Confirm. */
    public List<PlanCheck> blocking() {
        return checks.stream().filter(PlanCheck::blocks).toList();
    }

    public List<PlanCheck> warnings() {
        return checks.stream().filter(c -> !c.blocks()).toList();
    }

    /** The same plan with more findings (pre-flight's, say) after these. */
    public SchedulePlan withChecks(List<PlanCheck> more) {
        List<PlanCheck> all = new ArrayList<>(checks);
        all.addAll(more);
        return new SchedulePlan(campaign, when, audienceCount, all, estimatedFinish);
    }

    /**
     * Refuses with the first blocking check of the plan's own, so nobody asks to schedule
     * what cannot go. Pre-flight findings are left to the Confirm card (it shows them and
     * offers no Confirm) and to scheduling itself.
     */
    public SchedulePlan requireSendable() {
        checks.stream().filter(c -> c.blocks() && c.topic() != PlanCheck.Topic.PREFLIGHT).findFirst().ifPresent(c -> {
            throw c.refusal();
        });
        return this;
    }
}
