package lux.agent.commands;

import java.util.List;
import java.util.Locale;
import lux.agent.tools.ToolBox;

/**
 * Command mode for journeys: {@code journey [name:] when someone gets the tag trial, send
 * Welcome now and Tips three days later if they didn't click} (a card to confirm),
 * {@code journeys}, {@code journey pause|resume <name>}, and {@code journey <name>} (or
 * {@code journey stats <name>}) for one journey's card with its live numbers per step.
 */
final class JourneyCommands {

    private JourneyCommands() {
    }

    static String run(PeopleLines say, ToolBox.Tools tools, String text, List<String> rest) {
        String sub = rest.isEmpty() ? "" : rest.get(0).toLowerCase(Locale.ROOT);
        String after = rest.size() > 1 ? String.join(" ", rest.subList(1, rest.size())) : "";
        if (sub.equals("pause") || sub.equals("resume")) {
            if (after.isBlank()) {
                return say.text("journey.usage");
            }
            return say.people(
                    sub.equals("pause") ? tools.journeys().pauseJourney(after) : tools.journeys().resumeJourney(after));
        }
        if (sub.equals("stats") || sub.equals("show")) {
            return after.isBlank() ? say.text("journey.usage") : say.people(tools.journeys().showJourney(after));
        }
        String sentence = text.strip().replaceFirst("(?i)^journey\\s*", "");
        if (sentence.isBlank()) {
            return say.text("journey.usage");
        }
        if (tools.journeys().knows(sentence)) {
            return say.people(tools.journeys().showJourney(sentence));
        }
        JourneySentence parsed = JourneySentence.parse(sentence);
        if (parsed.trigger() == null) {
            return say.text("journey.trigger.missing") + " " + say.text("journey.usage");
        }
        return say.people(tools.journeys().planJourney(parsed.name(), parsed.trigger(), parsed.steps(), null));
    }

}
