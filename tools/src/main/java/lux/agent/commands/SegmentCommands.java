package lux.agent.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import lux.agent.tools.ToolBox;

/**
 * Command mode for segments and resends: {@code segments}, {@code segment <name>},
 * {@code segment save <name> tag:x attr:plan=gold noopen:"Spring sale" inactive:90 …} and
 * {@code resend <campaign> [subject:"…"] [clickers:out] [<when>]}. Names with spaces are
 * quoted. Each answer is the tool's line for people (see PeopleLines) beside its card.
 */
final class SegmentCommands {

    private SegmentCommands() {
    }

    static String segment(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return say.people(tools.segments().listSegments());
        }
        if (args.get(0).equalsIgnoreCase("save") || args.get(0).equalsIgnoreCase("new")) {
            return save(say, tools, args.subList(1, args.size()));
        }
        return say.people(tools.segments().previewSegment(String.join(" ", args)));
    }

    /**
     * {@code segment save <name> <rules>}: every word without a known prefix is the name.
     */
    private static String save(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        List<String> name = new ArrayList<>();
        Rules r = new Rules();
        for (String word : args) {
            int colon = word.indexOf(':');
            String key = colon < 0 ? "" : word.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = colon < 0 ? word : word.substring(colon + 1);
            switch (key) {
                case "tag" -> r.anyOf.add(value);
                case "all" -> r.allOf.add(value);
                case "not" -> r.excluded.add(value);
                case "attr", "attribute" -> r.attributes.add(value);
                case "domain" -> r.domain = value;
                case "since" -> r.since = value;
                case "opened" -> r.opened = value;
                case "clicked" -> r.clicked = value;
                case "noopen" -> r.notOpened = value;
                case "noclick" -> r.notClicked = value;
                case "inactive" -> r.inactiveDays = number(value);
                case "score" -> r.minScore = number(value);
                default -> name.add(word);
            }
        }
        if (name.isEmpty() || r.empty()) {
            return say.text("command.segment.usage");
        }
        return say.people(tools.segments()
            .saveSegment(String.join(" ", name), r.anyOf, r.allOf, r.excluded, r.attributes, r.domain, r.since,
                    r.opened, r.clicked, r.notOpened, r.notClicked, r.inactiveDays, r.minScore));
    }

    /**
     * {@code resend <campaign> [subject:"…"] [clickers:out] [<when>]}: the longest
     * leading words that name a campaign are its name; what follows is the time.
     */
    static String resend(PeopleLines say, ToolBox.Tools tools, List<String> args, Predicate<String> isCampaign) {
        String subject = null;
        boolean leaveOutClickers = false;
        List<String> words = new ArrayList<>();
        for (String word : args) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith("subject:")) {
                subject = word.substring(8);
            }
            else if (lower.equals("clickers:out")) {
                leaveOutClickers = true;
            }
            else {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            return say.text("command.resend.usage");
        }
        int split = words.size();
        while (split > 1 && !isCampaign.test(String.join(" ", words.subList(0, split)))) {
            split--;
        }
        String when = String.join(" ", words.subList(split, words.size()));
        return say.people(tools.resends()
            .resendToNonOpeners(String.join(" ", words.subList(0, split)), subject, leaveOutClickers,
                    when.isBlank() ? null : when));
    }

    private static Integer number(String value) {
        return value.matches("\\d{1,4}") ? Integer.valueOf(value) : Integer.valueOf(-1);
    }

    /** The rules of a segment being typed. */
    private static final class Rules {

        final List<String> anyOf = new ArrayList<>();

        final List<String> allOf = new ArrayList<>();

        final List<String> excluded = new ArrayList<>();

        final List<String> attributes = new ArrayList<>();

        String domain;

        String since;

        String opened;

        String clicked;

        String notOpened;

        String notClicked;

        Integer inactiveDays;

        Integer minScore;

        boolean empty() {
            return anyOf.isEmpty() && allOf.isEmpty() && excluded.isEmpty() && attributes.isEmpty() && domain == null
                    && since == null && opened == null && clicked == null && notOpened == null && notClicked == null
                    && inactiveDays == null && minScore == null;
        }

    }

}
