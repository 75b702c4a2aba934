package lux.agent.commands;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import lux.agent.tools.ToolBox;
import lux.agent.tools.ToolResult;
import lux.agent.tools.ToolSession;
import lux.agent.when.WhenParser;
import lux.campaigns.CampaignService;
import lux.shared.LuxException;

/**
 * Commands about campaigns that need more than one word read: {@code schedule <name>
 * <when>}, {@code test <name> [to ...]} and those naming one campaign.
 */
final class CampaignCommands {

    private final CampaignService campaigns;

    private final Clock clock;

    CampaignCommands(CampaignService campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /**
     * "schedule Spring sale tomorrow at best time" (or "at each contact's best time"):
     * the schedule command with a best-time send.
     */
    static boolean bestTimeAsked(List<String> args) {
        String text = String.join(" ", args).toLowerCase(java.util.Locale.ROOT);
        return text.endsWith("best time") || text.endsWith("besttime");
    }

    static List<String> withoutBestTime(List<String> args) {
        String text = String.join(" ", args)
            .replaceFirst("(?i)\\s*(at\\s+)?(each\\s+contact['’]s\\s+)?(best\\s*time)$", "");
        return text.isBlank() ? List.of() : List.of(text.split("\\s+"));
    }

    /** {@code besttime <campaign> [when]}: the same split as schedule, best time on. */
    String bestTime(PeopleLines say, ToolBox.Tools tools, ToolSession session, List<String> args) {
        if (args.isEmpty()) {
            return say.text("besttime.how");
        }
        return schedule(say, tools, session, args, tools.sendTime()::scheduleAtBestTime);
    }

    String schedule(PeopleLines say, ToolBox.Tools tools, ToolSession session, List<String> args) {
        if (args.isEmpty()) {
            return say.text("command.schedule.how");
        }
        return schedule(say, tools, session, args, tools.campaigns()::scheduleCampaign);
    }

    /**
     * Finds the split between campaign name and time: the longest name that is a campaign
     * and leaves a readable time.
     */
    private String schedule(PeopleLines say, ToolBox.Tools tools, ToolSession session, List<String> args,
            BiFunction<String, String, ToolResult> scheduler) {
        for (int split = args.size(); split >= 1; split--) {
            String name = String.join(" ", args.subList(0, split));
            String when = String.join(" ", args.subList(split, args.size()));
            if (!exists(name)) {
                continue;
            }
            try {
                WhenParser.parse(when, session.zone(), session.locale(), clock);
            }
            catch (LuxException e) {
                return say.people(new ToolResult.Failed(e.getMessage()));
            }
            return say.people(scheduler.apply(name, when));
        }
        return say.people(scheduler.apply(args.get(0), String.join(" ", args.subList(1, args.size()))));
    }

    /**
     * {@code test <name> [to a@x.com, b@y.com]}: the addresses follow the last "to" after
     * which only addresses come.
     */
    static String test(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return say.text("command.which.test");
        }
        for (int i = args.size() - 2; i >= 1; i--) {
            List<String> addresses = args.subList(i + 1, args.size())
                .stream()
                .flatMap(a -> Arrays.stream(a.split("[,;]")))
                .filter(a -> !a.isBlank())
                .toList();
            if (args.get(i).equalsIgnoreCase("to") && !addresses.isEmpty()
                    && addresses.stream().allMatch(a -> a.contains("@"))) {
                return say.people(tools.tests().sendTest(String.join(" ", args.subList(0, i)), addresses, null));
            }
        }
        return say.people(tools.tests().sendTest(String.join(" ", args), List.of(), null));
    }

    boolean exists(String name) {
        try {
            campaigns.getByName(name);
            return true;
        }
        catch (LuxException e) {
            return name.matches("#?\\d+");
        }
    }

    static String named(PeopleLines say, List<String> rest, Function<String, ToolResult> action) {
        return rest.isEmpty() ? say.text("command.which.campaign") : say.people(action.apply(String.join(" ", rest)));
    }

    static String drafted(PeopleLines say, ToolResult built) {
        return built instanceof ToolResult.CampaignDrafted ? say.people(built) + " " + say.text("command.pickATime")
                : say.people(built);
    }

}
