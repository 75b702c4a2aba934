package lux.segments;

import java.util.List;
import java.util.stream.Collectors;
import lux.contacts.AudienceFilter;

/**
 * Who a segment reaches: active contacts matching the tags and every one of the
 * conditions.
 */
public record SegmentDefinition(AudienceFilter tags, List<SegmentCondition> conditions) {
    public SegmentDefinition {
        tags = tags == null ? AudienceFilter.everyone() : tags;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public static SegmentDefinition of(AudienceFilter tags) {
        return new SegmentDefinition(tags, List.of());
    }

    /**
     * The recipients of {@code campaignId} without a human open (and, if asked, without a
     * human click).
     */
    public static SegmentDefinition nonOpeners(long campaignId, boolean excludeClickers) {
        return excludeClickers
                ? new SegmentDefinition(null,
                        List.of(new SegmentCondition.DidNotOpen(campaignId, true),
                                new SegmentCondition.DidNotClick(campaignId, true)))
                : new SegmentDefinition(null, List.of(new SegmentCondition.DidNotOpen(campaignId, true)));
    }

    /** A human sentence, for cards, the console and the audit log. */
    public String describe() {
        String base = tags.describe();
        return conditions.isEmpty() ? base : base + " who "
                + conditions.stream().map(SegmentCondition::describe).collect(Collectors.joining(" and "));
    }
}
