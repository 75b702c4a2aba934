package lux.agent.commands;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.TurnRequest;
import lux.agent.tools.ToolBox;
import lux.agent.tools.ToolSession;
import lux.agent.tools.WhenParser;
import lux.campaigns.CampaignService;
import lux.shared.LuxException;
import org.springframework.stereotype.Component;

/**
 * Deterministic commands that call the same tools as the model (see README "Command mode"). Tags are written
 * {@code tag:name}, excluded tags {@code not:name}; names with spaces may be quoted. Unknown input gets help.
 */
@Component
public class CommandMode {
    static final String HELP = """
            I understand these commands:
            - contacts add <email> [more emails] [tag:x] - add contacts (no email: a form)
            - contacts find [text] [tag:x] - search contacts
            - contacts count [tag:x] [not:y] - how many active contacts a campaign would reach
            - import - import the CSV file you attached
            - templates - list templates; template new - a form to write one; preview <template>
            - campaign new (or new campaign) - a form to build a campaign; campaigns - list them
            - schedule <campaign> <when> - e.g. schedule Spring sale tomorrow 10:00 (you confirm on a card)
            - pause | resume | cancel <campaign>
            - approvals - sends waiting for approval; approve <campaign>; reject <campaign> because <reason>
            - stats <campaign> - numbers and a chart
            - test <campaign or template> [to a@x.com, b@y.com] - send a test to yourself (or up to 5 addresses)
            - forms - list sign-up forms; form create <name> [tag:x] [lang:de] [single] - a website sign-up form
            - analyse [tag] - who your audience is; optimise <template> - check an email's content""";

    private final ToolBox toolBox;
    private final CampaignService campaigns;
    private final Clock clock;

    CommandMode(ToolBox toolBox, CampaignService campaigns, Clock clock) {
        this.toolBox = toolBox;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public AgentReply handle(TurnRequest turn) {
        ToolSession session = new ToolSession(turn.actor(), turn.zone(), turn.conversationId(), turn.lastUpload());
        ToolBox.Tools tools = toolBox.forSession(session);
        List<String> words = Tokens.split(turn.text());
        String command = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
        String sub = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        List<String> rest = words.size() > 1 ? words.subList(1, words.size()) : List.of();
        String text;
        switch (command) {
            case "help", "?", "hi", "hello", "start" -> {
                session.show(new AgentOutput.Help());
                text = "Hi, I am LUX. " + HELP;
            }
            case "contacts", "contact" -> text = contacts(tools, session, sub, words.size() > 2 ? words.subList(2, words.size()) : List.of());
            case "import" -> text = tools.contacts().importContacts(rest.stream().filter(w -> w.toLowerCase(Locale.ROOT)
                    .startsWith("tag:")).map(w -> w.substring(4)).toList());
            case "templates" -> text = tools.templates().listTemplates();
            case "template" -> {
                if (sub.equals("new")) {
                    text = form(session, "template");
                } else {
                    text = unknown(session);
                }
            }
            case "preview" -> text = rest.isEmpty() ? "Which template? Type preview <template name>."
                    : tools.templates().previewTemplate(String.join(" ", rest), null);
            case "campaign" -> {
                if (sub.equals("new")) {
                    text = form(session, "campaign");
                } else {
                    text = unknown(session);
                }
            }
            case "new" -> text = switch (sub) { // "new campaign" reads naturally (the Teams command menu offers it)
                case "campaign" -> form(session, "campaign");
                case "template" -> form(session, "template");
                case "contact", "contacts" -> form(session, "contact");
                default -> unknown(session);
            };
            case "form", "forms" -> text = FormCommands.run(tools.forms(), sub, rest);
            case "campaigns" -> text = tools.campaigns().listCampaigns();
            case "schedule" -> text = schedule(tools, session, rest);
            case "pause" -> text = named(rest, tools.campaigns()::pauseCampaign);
            case "resume" -> text = named(rest, tools.campaigns()::resumeCampaign);
            case "cancel" -> text = named(rest, tools.campaigns()::cancelCampaign);
            case "stats" -> text = named(rest, tools.campaigns()::reportStats);
            case "test" -> text = test(tools, rest);
            case "approvals" -> text = tools.campaigns().listPendingApprovals();
            case "approve" -> text = named(rest, tools.campaigns()::approveCampaign);
            case "reject" -> text = named(rest, nameAndReason -> {
                String[] parts = nameAndReason.split("\\s+because\\s+|:\\s*", 2);
                return tools.campaigns().rejectCampaign(parts[0].strip(), parts.length > 1 ? parts[1] : null);
            });
            case "analyse", "analyze" -> text = tools.insights().analyseAudience(rest.isEmpty() ? null : tag(rest.get(0)));
            case "optimise", "optimize" -> text = rest.isEmpty() ? "Which template? Type optimise <template name>."
                    : tools.insights().optimiseContent(String.join(" ", rest));
            default -> text = unknown(session);
        }
        return new AgentReply(readable(text), session.outputs(), session.calls());
    }

    /** A command-mode form came back (contact, template or campaign). */
    public AgentReply submitForm(TurnRequest turn, String form, Map<String, String> fields) {
        ToolSession session = new ToolSession(turn.actor(), turn.zone(), turn.conversationId(), turn.lastUpload());
        ToolBox.Tools tools = toolBox.forSession(session);
        String text = switch (form == null ? "" : form) {
            case "contact" -> tools.contacts().addContacts(list(fields.get("emails")), list(fields.get("tags")));
            case "template" -> tools.templates().draftTemplate(fields.get("name"), fields.get("subject"),
                    fields.get("htmlBody"), fields.get("textBody"));
            case "campaign" -> {
                String built = tools.campaigns().buildCampaign(fields.get("name"), fields.get("template"),
                        list(fields.get("tags")), List.of(), list(fields.get("excludedTags")));
                String when = fields.get("when");
                yield built.startsWith("FAILED") || when == null || when.isBlank() ? built
                        : built + "\n" + tools.campaigns().scheduleCampaign(fields.get("name"), when);
            }
            default -> "That form is unknown to LUX. Type help.";
        };
        return new AgentReply(readable(text), session.outputs(), session.calls());
    }

    private String contacts(ToolBox.Tools tools, ToolSession session, String sub, List<String> args) {
        List<String> tags = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String a : args) {
            if (a.toLowerCase(Locale.ROOT).startsWith("tag:")) {
                tags.addAll(Arrays.asList(a.substring(4).split(",")));
            } else if (a.toLowerCase(Locale.ROOT).startsWith("not:")) {
                excluded.addAll(Arrays.asList(a.substring(4).split(",")));
            } else {
                plain.add(a);
            }
        }
        return switch (sub) {
            case "add" -> {
                if (plain.isEmpty()) {
                    session.show(new AgentOutput.Form("contact"));
                    yield "Fill in the contact form below, or type contacts add <email> tag:x.";
                }
                yield tools.contacts().addContacts(plain, tags);
            }
            case "find", "search", "" -> tools.contacts().findContacts(String.join(" ", plain), tags.isEmpty() ? null : tags.get(0));
            case "count" -> tools.contacts().countAudience(tags, List.of(), excluded);
            default -> unknown(session);
        };
    }

    /** Finds the split between campaign name and time: the longest name that is a campaign and leaves a readable time. */
    private String schedule(ToolBox.Tools tools, ToolSession session, List<String> args) {
        if (args.isEmpty()) {
            return "Type schedule <campaign> <when>, for example: schedule Spring sale tomorrow 10:00.";
        }
        for (int split = args.size(); split >= 1; split--) {
            String name = String.join(" ", args.subList(0, split));
            String when = String.join(" ", args.subList(split, args.size()));
            if (!exists(name)) {
                continue;
            }
            try {
                WhenParser.parse(when, session.zone(), clock);
            } catch (LuxException e) {
                return "FAILED: " + e.getMessage();
            }
            return tools.campaigns().scheduleCampaign(name, when);
        }
        return tools.campaigns().scheduleCampaign(args.get(0), String.join(" ", args.subList(1, args.size())));
    }

    /** {@code test <name> [to a@x.com, b@y.com]}: the addresses follow the last "to" after which only addresses come. */
    private static String test(ToolBox.Tools tools, List<String> args) {
        if (args.isEmpty()) {
            return "Which campaign or template? Type test <name>, or test <name> to a@example.com.";
        }
        for (int i = args.size() - 2; i >= 1; i--) {
            List<String> addresses = args.subList(i + 1, args.size()).stream().flatMap(a -> Arrays.stream(a.split("[,;]")))
                    .filter(a -> !a.isBlank()).toList();
            if (args.get(i).equalsIgnoreCase("to") && !addresses.isEmpty() && addresses.stream().allMatch(a -> a.contains("@"))) {
                return tools.tests().sendTest(String.join(" ", args.subList(0, i)), addresses, null);
            }
        }
        return tools.tests().sendTest(String.join(" ", args), List.of(), null);
    }

    private boolean exists(String name) {
        try {
            campaigns.getByName(name);
            return true;
        } catch (LuxException e) {
            return name.matches("#?\\d+");
        }
    }

    private static String named(List<String> rest, Function<String, String> action) {
        return rest.isEmpty() ? "Which campaign? Add its name, e.g. pause Spring sale." : action.apply(String.join(" ", rest));
    }

    private static String form(ToolSession session, String name) {
        session.show(new AgentOutput.Form(name));
        return "contact".equals(name) ? "Fill in the contact form below, or type contacts add <email> tag:x."
                : "Fill in the " + name + " form below.";
    }

    private static String unknown(ToolSession session) {
        session.show(new AgentOutput.Help());
        return "Sorry, I did not understand that. " + HELP;
    }

    private static String tag(String word) {
        return word.toLowerCase(Locale.ROOT).startsWith("tag:") ? word.substring(4) : word;
    }

    private static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /** Tool results address the model in places; in command mode the user reads them directly. */
    private static String readable(String text) {
        return text.replace("FAILED: no file attached yet. Ask the user to attach", "No file attached yet. Attach")
                .replace("FAILED: ", "Sorry, that did not work: ")
                .replace("call scheduleCampaign to ask the user to confirm a time", "type schedule <campaign> <when> to pick a time");
    }
}
