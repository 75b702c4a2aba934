package lux.besttime;

import java.util.List;

/**
 * How a best-time send did, group by group: recipients sent at their own best hour, at
 * the audience's best hour, and at the campaign's plain time. The open rate counts human
 * openers only.
 */
public record BestTimeComparison(long campaignId, boolean bestTime, List<Group> groups) {

    public BestTimeComparison {
        groups = List.copyOf(groups);
    }

    /**
     * One group: sent, human openers among them, and their rate (0 when none were sent).
     */
    public record Group(SendSlot slot, long sent, long humanOpeners, double openRate) {
    }

    public Group group(SendSlot slot) {
        return groups.stream().filter(g -> g.slot() == slot).findFirst().orElse(new Group(slot, 0, 0, 0));
    }

}
