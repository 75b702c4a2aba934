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
import lux.agent.FormKind;
import lux.agent.TurnRequest;
import lux.agent.tools.ToolBox;
import lux.agent.tools.ToolResult;
import lux.agent.tools.ToolSession;
import lux.agent.when.WhenParser;
import lux.campaigns.CampaignService;
import lux.shared.LuxException;
import lux.templates.TemplateService;
import org.springframework.stereotype.Component;

/**
 * Deterministic commands that call the same tools as the model (see README "Command mode"). Tags are written
 * {@code tag:name}, excluded tags {@code not:name}; names with spaces may be quoted. Unknown input gets help. People
 * see the cards the tools showed and each result's own line for people, never what the model would be told.
 */
@Component
public class CommandMode {
    static final String HELP = """
            I understand these commands:
            - contacts add <email> [more emails] [tag:x] - add contacts (no email: a form)
            - contacts find [text] [tag:x] - search contacts
            - contacts count [tag:x] [not:y] - how many active contacts a campaign would reach
            - who <email> (or contact <email>) - one contact: status, tags, engagement and timeline
            - import - import the CSV file you attached
            - templates - list templates; template new - a form to write one; preview <template>
            - campaign new (or new campaign) - a form to build a campaign; campaigns - list them
            - schedule <campaign> <when> - e.g. schedule Spring sale tomorrow 10:00 (you confirm on a card)
            - pause | resume | cancel <campaign>
            - approvals - sends waiting for approval; approve <campaign>; reject <campaign> because <reason>
            - stats <campaign> - numbers and a chart
            - test <campaign or template> [to a@x.com, b@y.com] - send a test to yourself (or up to 5 addresses)
            - forms - list sign-up forms; form create <name> [tag:x] [lang:de] [single] - a website sign-up form
            - analyse [tag] - who your audience is; optimise <template> - check an email's content""" + EditCommands.HELP;
    static final String PICK_A_TIME = " It is not scheduled yet: type schedule <campaign> <when> to pick a time.";

    private final ToolBox toolBox;
    private final CampaignService campaigns;
    private final Clock clock;
    private final TemplateService templates;

    CommandMode(ToolBox toolBox, CampaignService campaigns, Clock clock, TemplateService templates) {
        this.templates = templates;
        this.toolBox = toolBox;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public AgentReply handle(TurnRequest turn) {
        ToolSession session = ToolSession.forTurn(turn);
        ToolBox.Tools tools = toolBox.forSession(session);
        List<String> words = Tokens.split(turn.text());
        String command = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
        String sub = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        List<String> rest = words.size() > 1 ? words.subList(1, words.size()) : List.of();
        String text = switch (command) {
            case "help", "?", "hi", "hello", "start" -> {
                session.show(new AgentOutput.Help());
                yield "Hi, I am LUX. " + HELP;
            }
            case "contacts", "contact" -> contacts(tools, session, turn.text(), sub, words.size() > 2 ? words.subList(2, words.size()) : List.of(),
                    rest);
            case "who" -> who(tools, rest);
            case "untag" -> EditCommands.untag(tools, rest);
            case "unsubscribe" -> EditCommands.unsubscribe(tools, rest);
            case "duplicate", "copy" -> EditCommands.duplicate(tools, rest);
            case "bulk" -> EditCommands.bulk(tools, rest);
            case "suppressions" -> people(tools.suppressions().listSuppressions());
            case "suppress" -> EditCommands.suppress(tools, true, rest);
            case "unsuppress" -> EditCommands.suppress(tools, false, rest);
            case "import" -> people(tools.contacts().importContacts(rest.stream().filter(w -> w.toLowerCase(Locale.ROOT)
                    .startsWith("tag:")).map(w -> w.substring(4)).toList()));
            case "templates" -> people(tools.templates().listTemplates());
            case "template" -> switch (sub) {
                case "new" -> form(session, FormKind.TEMPLATE);
                case "subject" -> EditCommands.subject(tools, after(rest), this::isTemplate);
                case "replace" -> EditCommands.replace(tools, after(rest));
                default -> unknown(session);
            };
            case "preview" -> rest.isEmpty() ? "Which template? Type preview <template name>."
                    : people(tools.templates().previewTemplate(String.join(" ", rest), null));
            case "campaign" -> switch (sub) {
                case "new" -> form(session, FormKind.CAMPAIGN);
                case "edit" -> EditCommands.editCampaign(tools, after(rest));
                default -> unknown(session);
            };
            case "new" -> switch (sub) { // "new campaign" reads naturally (the Teams command menu offers it)
                case "campaign" -> form(session, FormKind.CAMPAIGN);
                case "template" -> form(session, FormKind.TEMPLATE);
                case "contact", "contacts" -> form(session, FormKind.CONTACT);
                default -> unknown(session);
            };
            case "form", "forms" -> FormCommands.run(tools.forms(), sub, rest);
            case "test" -> test(tools, rest);
            case "campaigns" -> people(tools.campaigns().listCampaigns());
            case "schedule" -> schedule(tools, session, rest);
            case "pause" -> named(rest, tools.campaigns()::pauseCampaign);
            case "resume" -> named(rest, tools.campaigns()::resumeCampaign);
            case "cancel" -> named(rest, tools.campaigns()::cancelCampaign);
            case "stats" -> named(rest, tools.campaigns()::reportStats);
            case "approvals" -> people(tools.campaigns().listPendingApprovals());
            case "approve" -> named(rest, tools.campaigns()::approveCampaign);
            case "reject" -> named(rest, nameAndReason -> {
                String[] parts = nameAndReason.split("\\s+because\\s+|:\\s*", 2);
                return tools.campaigns().rejectCampaign(parts[0].strip(), parts.length > 1 ? parts[1] : null);
            });
            case "analyse", "analyze" -> people(tools.insights().analyseAudience(rest.isEmpty() ? null : tag(rest.get(0))));
            case "optimise", "optimize" -> rest.isEmpty() ? "Which template? Type optimise <template name>."
                    : people(tools.insights().optimiseContent(String.join(" ", rest)));
            default -> unknown(session);
        };
        return new AgentReply(text, session.outputs(), session.calls());
    }

    /** A command-mode form came back (contact, template or campaign). */
    public AgentReply submitForm(TurnRequest turn, FormKind form, Map<String, String> fields) {
        ToolSession session = ToolSession.forTurn(turn);
        ToolBox.Tools tools = toolBox.forSession(session);
        String text = form == null ? "That form is unknown to LUX. Type help." : switch (form) {
            case CONTACT -> people(tools.contacts().addContacts(list(fields.get("emails")), list(fields.get("tags"))));
            case TEMPLATE -> people(tools.templates().draftTemplate(fields.get("name"), fields.get("subject"),
                    fields.get("htmlBody"), fields.get("textBody")));
            case CAMPAIGN -> {
                ToolResult built = tools.campaigns().buildCampaign(fields.get("name"), fields.get("template"),
                        list(fields.get("tags")), List.of(), list(fields.get("excludedTags")));
                String when = fields.get("when");
                if (built instanceof ToolResult.Failure || when == null || when.isBlank()) {
                    yield drafted(built);
                }
                yield built.forPeople() + "\n" + people(tools.campaigns().scheduleCampaign(fields.get("name"), when));
            }
        };
        return new AgentReply(text, session.outputs(), session.calls());
    }

    private String contacts(ToolBox.Tools tools, ToolSession session, String text, String sub, List<String> args, List<String> rest) {
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
        if (sub.contains("@") && args.isEmpty()) {
            return people(tools.contacts().showContact(sub));
        }
        return switch (sub) {
            case "add" -> plain.isEmpty() ? form(session, FormKind.CONTACT) : people(tools.contacts().addContacts(EditCommands.addLines(text), tags));
            case "show" -> EditCommands.contact(tools, args);
            case "update" -> EditCommands.update(tools, args);
            case "delete" -> args.isEmpty() ? EditCommands.WHICH_CONTACT : people(tools.contactEdits().deleteContact(args.get(0)));
            case "find", "search", "" -> people(tools.contacts().findContacts(String.join(" ", plain), tags.isEmpty() ? null : tags.get(0)));
            case "count" -> people(tools.contacts().countAudience(tags, List.of(), excluded));
            default -> sub.contains("@") ? EditCommands.contact(tools, rest) : unknown(session);
        };
    }

    /** {@code who ana@example.com}, also asked as "who is ana@example.com?". */
    private static String who(ToolBox.Tools tools, List<String> args) {
        List<String> addresses = args.stream().map(a -> a.replaceAll("[?!.,;]+$", "")).filter(a -> a.contains("@")).toList();
        if (addresses.size() != 1) {
            return "Whose timeline? Type who <email>, for example: who ana@example.com.";
        }
        return people(tools.contacts().showContact(addresses.get(0)));
    }

    private boolean isTemplate(String name) {
        return templates.list().stream().anyMatch(t -> t.name().equalsIgnoreCase(name.strip()));
    }

    private static List<String> after(List<String> rest) {
        return rest.size() > 1 ? rest.subList(1, rest.size()) : List.of();
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
                WhenParser.parse(when, session.zone(), session.locale(), clock);
            } catch (LuxException e) {
                return new ToolResult.Failed(e.getMessage()).forPeople();
            }
            return people(tools.campaigns().scheduleCampaign(name, when));
        }
        return people(tools.campaigns().scheduleCampaign(args.get(0), String.join(" ", args.subList(1, args.size()))));
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
                return people(tools.tests().sendTest(String.join(" ", args.subList(0, i)), addresses, null));
            }
        }
        return people(tools.tests().sendTest(String.join(" ", args), List.of(), null));
    }

    private boolean exists(String name) {
        try {
            campaigns.getByName(name);
            return true;
        } catch (LuxException e) {
            return name.matches("#?\\d+");
        }
    }

    private static String named(List<String> rest, Function<String, ToolResult> action) {
        return rest.isEmpty() ? "Which campaign? Add its name, e.g. pause Spring sale." : people(action.apply(String.join(" ", rest)));
    }

    /** What a person reads of a tool's result: its own line (the cards it showed go beside it). */
    static String people(ToolResult result) {
        return result.forPeople();
    }

    private static String drafted(ToolResult built) {
        return built instanceof ToolResult.CampaignDrafted ? built.forPeople() + PICK_A_TIME : built.forPeople();
    }

    private static String form(ToolSession session, FormKind form) {
        session.show(new AgentOutput.Form(form));
        return form == FormKind.CONTACT ? "Fill in the contact form below, or type contacts add <email> tag:x."
                : "Fill in the " + form.id() + " form below.";
    }

    private static String unknown(ToolSession session) {
        session.show(new AgentOutput.Help());
        return "Sorry, I did not understand that. " + HELP;
    }

    static String tagName(String word) {
        return tag(word);
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
}
