package lux.segments;

import java.util.List;

/**
 * How many contacts a definition reaches right now, with the first few of them (by id).
 */
public record SegmentPreview(String description, long count, List<Member> sample) {

    /** One contact of the sample. */
    public record Member(long id, String email, String firstName, String lastName, String company) {
    }
}
