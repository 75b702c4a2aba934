package lux.journeys;

import java.util.List;

/** What a journey is made of, as a person asks for it (templates by id). */
public record NewJourney(String name, Trigger trigger, List<JourneyStep> steps, String timeZone) {

    public NewJourney {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

}
