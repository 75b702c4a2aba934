package lux.agent.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.agent.tools.ToolBox;

/**
 * A/B tests in command mode, in the words a marketer would type: {@code test 'Last seats'
 * against 'Join us Tuesday' on 20% and send the winner after 4 hours} (optionally
 * {@code by clicks}, {@code and let me choose}, {@code in campaign "Spring"}; without a
 * campaign, the person's latest draft), {@code results Spring} and
 * {@code winner B of Spring}.
 */
final class AbTestCommands {

    private static final Pattern TEST = Pattern
        .compile("^test\\s+(?<subjects>.+?\\s+(?:against|vs\\.?|versus)\\s+.+?)(?:\\s+on\\s+(?<percent>\\d{1,3})\\s*%)"
                + "(?<rest>.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern AGAINST = Pattern.compile("\\s+(?:against|vs\\.?|versus)\\s+",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern WAIT = Pattern.compile(
            "after\\s+(\\d+(?:[.,]\\d+)?)\\s*(hours?|hrs?|h|minutes?|mins?|m|days?|d)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern METRIC = Pattern.compile("\\bby\\s+(opens?|clicks?|click-to-open|cto)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern MANUAL = Pattern.compile(
            "\\b(let me (choose|pick|decide)|i('ll| will) (choose|pick)|manual(ly)?)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern CAMPAIGN = Pattern.compile("\\b(?:in|for|of)\\s+campaign\\s+(.+)$",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern WINNER = Pattern
        .compile("^winner\\s+(?:variant\\s+)?([a-d])\\s+(?:of|for|in)\\s+(.+)$", Pattern.CASE_INSENSITIVE);

    private static final String QUOTES = "^[\\s'\"‘’“”]+|[\\s'\"‘’“”]+$";

    private AbTestCommands() {
    }

    /** Whether {@code text} asks for an A/B test (rather than a test send). */
    static boolean isAbTest(String text) {
        return TEST.matcher(text.strip()).matches();
    }

    static String test(PeopleLines say, ToolBox.Tools tools, String text) {
        Matcher m = TEST.matcher(text.strip());
        if (!m.matches()) {
            return say.text("command.which.test");
        }
        String rest = m.group("rest");
        String campaign = null;
        Matcher c = CAMPAIGN.matcher(rest);
        if (c.find()) {
            campaign = c.group(1).replaceAll(QUOTES, "");
            rest = rest.substring(0, c.start());
        }
        List<String> subjects = new ArrayList<>();
        for (String s : AGAINST.split(m.group("subjects"))) {
            subjects.add(s.replaceAll(QUOTES, ""));
        }
        Double hours = null;
        Matcher w = WAIT.matcher(rest);
        if (w.find()) {
            double n = Double.parseDouble(w.group(1).replace(',', '.'));
            String unit = w.group(2).toLowerCase(Locale.ROOT);
            hours = unit.startsWith("d") ? n * 24 : unit.startsWith("m") ? n / 60 : n;
        }
        Matcher metric = METRIC.matcher(rest);
        String by = metric.find() ? metric.group(1) : null;
        boolean manual = MANUAL.matcher(rest).find();
        return say.people(tools.abTests()
            .abTestCampaign(campaign, subjects, Integer.parseInt(m.group("percent")), by, hours, manual, null));
    }

    static String results(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        return args.isEmpty() ? say.text("command.which.results")
                : say.people(tools.abTests().abTestResults(String.join(" ", args)));
    }

    static String winner(PeopleLines say, ToolBox.Tools tools, String text) {
        Matcher m = WINNER.matcher(text.strip());
        if (!m.matches()) {
            return say.text("command.which.winner");
        }
        return say.people(tools.abTests().chooseAbTestWinner(m.group(2).replaceAll(QUOTES, ""), m.group(1)));
    }

}
