package lux.agent.commands;

import java.util.List;
import java.util.Locale;
import lux.agent.tools.ToolBox;

/**
 * Command mode for journeys: {@code journey [name:] when someone gets the tag trial, send
 * Welcome now and Tips three days later if they didn't click} (a card to confirm),
 * {@code journeys}, {@code journey pause|resume <name>}.
 */
final class JourneyCommands {

    static final String USAGE = "Type journey <name>: when someone gets the tag trial, send Welcome now and Tips "
            + "three days later if they didn't click. Or: journeys; journey pause <name>; journey resume <name>.";

    private JourneyCommands() {
    }

    static String run(ToolBox.Tools tools, String text, List<String> rest) {
        String sub = rest.isEmpty() ? "" : rest.get(0).toLowerCase(Locale.ROOT);
        String after = rest.size() > 1 ? String.join(" ", rest.subList(1, rest.size())) : "";
        if (sub.equals("pause") || sub.equals("resume")) {
            if (after.isBlank()) {
                return USAGE;
            }
            return (sub.equals("pause") ? tools.journeys().pauseJourney(after) : tools.journeys().resumeJourney(after))
                .forPeople();
        }
        String sentence = text.strip().replaceFirst("(?i)^journey\\s*", "");
        if (sentence.isBlank()) {
            return USAGE;
        }
        JourneySentence parsed = JourneySentence.parse(sentence);
        if (parsed.trigger() == null) {
            return "Start with when it begins, e.g. \"when someone gets the tag trial, ...\". " + USAGE;
        }
        return tools.journeys().planJourney(parsed.name(), parsed.trigger(), parsed.steps(), null).forPeople();
    }

}
