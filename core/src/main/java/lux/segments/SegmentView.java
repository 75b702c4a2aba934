package lux.segments;

import java.time.Instant;

/** A saved segment as callers see it, with its definition in words. */
public record SegmentView(long id, String name, SegmentDefinition definition, String description, Instant createdAt,
        Instant updatedAt) {
    static SegmentView of(Segment s) {
        return new SegmentView(s.getId(), s.getName(), s.getDefinition(), s.getDefinition().describe(),
                s.getCreatedAt(), s.getUpdatedAt());
    }
}
