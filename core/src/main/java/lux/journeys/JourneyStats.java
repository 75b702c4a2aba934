package lux.journeys;

import java.util.List;

/** A journey version's numbers per step, and how many contacts are in it. */
public record JourneyStats(long journeyId, int version, long enrolled, long inFlight, long finished,
        List<StepStats> steps) {

    public JourneyStats {
        steps = List.copyOf(steps);
    }

}
