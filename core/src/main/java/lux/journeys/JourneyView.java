package lux.journeys;

import java.time.Instant;
import java.util.List;

/** A journey and the steps of its current version. */
public record JourneyView(long id, String name, JourneyStatus status, int version, Trigger trigger,
        List<JourneyStep> steps, String timeZone, Instant createdAt, Instant updatedAt) {

    public JourneyView {
        steps = List.copyOf(steps);
    }

}
