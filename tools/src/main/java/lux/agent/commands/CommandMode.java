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
import lux.agent.TeamsMessages;
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
 * Deterministic commands that call the same tools as the model (see README "Command
 * mode"). Tags are written {@code tag:name}, excluded tags {@code not:name}; names with
 * spaces may be quoted. Unknown input gets help. People see the cards the tools showed
 * and each result's own line for people, never what the model would be told, in their
 * language (the bundle of {@link TeamsMessages}); the commands themselves are the same
 * words in every language.
 */
@Component
public class CommandMode {

    private final ToolBox toolBox;

    private final CampaignService campaigns;

    private final Clock clock;

    private final TeamsMessages messages;

    private final TemplateService templates;

    CommandMode(ToolBox toolBox, CampaignService campaigns, Clock clock, TeamsMessages messages,
            TemplateService templates) {
        this.messages = messages;
        this.templates = templates;
        this.toolBox = toolBox;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public AgentReply handle(TurnRequest turn) {
        ToolSession session = ToolSession.forTurn(turn);
        ToolBox.Tools tools = toolBox.forSession(session);
        PeopleLines say = new PeopleLines(messages, turn.locale());
        List<String> words = Tokens.split(turn.text());
        String command = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
        String sub = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        List<String> rest = words.size() > 1 ? words.subList(1, words.size()) : List.of();
        String text = switch (command) {
            case "help", "?", "hi", "hello", "start" -> {
                session.show(new AgentOutput.Help());
                yield say.text("command.hello") + " " + say.text("command.help") + EditCommands.HELP;
            }
            case "contacts", "contact" -> contacts(say, tools, session, turn.text(), sub,
                    words.size() > 2 ? words.subList(2, words.size()) : List.of(), rest);
            case "who" -> who(say, tools, rest);
            case "journey" -> JourneyCommands.run(tools, turn.text(), rest);
            case "journeys" -> tools.journeys().listJourneys().forPeople();
            case "untag" -> EditCommands.untag(tools, rest);
            case "unsubscribe" -> EditCommands.unsubscribe(tools, rest);
            case "duplicate", "copy" -> EditCommands.duplicate(tools, rest);
            case "bulk" -> EditCommands.bulk(tools, rest);
            case "suppressions" -> say.people(tools.suppressions().listSuppressions());
            case "suppress" -> EditCommands.suppress(tools, true, rest);
            case "unsuppress" -> EditCommands.suppress(tools, false, rest);
            case "import" -> say.people(tools.contacts()
                .importContacts(rest.stream()
                    .filter(w -> w.toLowerCase(Locale.ROOT).startsWith("tag:"))
                    .map(w -> w.substring(4))
                    .toList()));
            case "templates" -> say.people(tools.templates().listTemplates());
            case "template" -> switch (sub) {
                case "new" -> form(say, session, FormKind.TEMPLATE);
                case "subject" -> EditCommands.subject(tools, after(rest), this::isTemplate);
                case "replace" -> EditCommands.replace(tools, after(rest));
                default -> unknown(say, session);
            };
            case "preview" -> rest.isEmpty() ? say.text("command.which.preview")
                    : say.people(tools.templates().previewTemplate(String.join(" ", rest), null));
            case "campaign" -> switch (sub) {
                case "new" -> form(say, session, FormKind.CAMPAIGN);
                case "edit" -> EditCommands.editCampaign(tools, after(rest));
                default -> unknown(say, session);
            };
            case "new" -> switch (sub) { // "new campaign" reads naturally (the Teams
                                         // command menu offers it)
                case "campaign" -> form(say, session, FormKind.CAMPAIGN);
                case "template" -> form(say, session, FormKind.TEMPLATE);
                case "contact", "contacts" -> form(say, session, FormKind.CONTACT);
                default -> unknown(say, session);
            };
            case "form", "forms" -> FormCommands.run(tools.forms(), sub, rest);
            case "test" -> test(say, tools, rest);
            case "campaigns" -> say.people(tools.campaigns().listCampaigns());
            case "schedule" -> schedule(say, tools, session, rest);
            case "pause" -> named(say, rest, tools.campaigns()::pauseCampaign);
            case "resume" -> named(say, rest, tools.campaigns()::resumeCampaign);
            case "cancel" -> named(say, rest, tools.campaigns()::cancelCampaign);
            case "stats" -> named(say, rest, tools.campaigns()::reportStats);
            case "approvals" -> say.people(tools.campaigns().listPendingApprovals());
            case "approve" -> named(say, rest, tools.campaigns()::approveCampaign);
            case "reject" -> named(say, rest, nameAndReason -> {
                String[] parts = nameAndReason.split("\\s+because\\s+|:\\s*", 2);
                return tools.campaigns().rejectCampaign(parts[0].strip(), parts.length > 1 ? parts[1] : null);
            });
            case "analyse", "analyze" ->
                say.people(tools.insights().analyseAudience(rest.isEmpty() ? null : tag(rest.get(0))));
            case "optimise", "optimize" -> rest.isEmpty() ? say.text("command.which.optimise")
                    : say.people(tools.insights().optimiseContent(String.join(" ", rest)));
            default -> unknown(say, session);
        };
        return new AgentReply(text, session.outputs(), session.calls());
    }

    /** A command-mode form came back (contact, template or campaign). */
    public AgentReply submitForm(TurnRequest turn, FormKind form, Map<String, String> fields) {
        ToolSession session = ToolSession.forTurn(turn);
        ToolBox.Tools tools = toolBox.forSession(session);
        PeopleLines say = new PeopleLines(messages, turn.locale());
        String text = form == null ? say.text("command.form.unknown") : switch (form) {
            case CONTACT ->
                say.people(tools.contacts().addContacts(list(fields.get("emails")), list(fields.get("tags"))));
            case TEMPLATE -> say.people(tools.templates()
                .draftTemplate(fields.get("name"), fields.get("subject"), fields.get("htmlBody"),
                        fields.get("textBody")));
            case CAMPAIGN -> {
                ToolResult built = tools.campaigns()
                    .buildCampaign(fields.get("name"), fields.get("template"), list(fields.get("tags")), List.of(),
                            list(fields.get("excludedTags")));
                String when = fields.get("when");
                if (built instanceof ToolResult.Failure || when == null || when.isBlank()) {
                    yield drafted(say, built);
                }
                yield say.people(built) + "\n"
                        + say.people(tools.campaigns().scheduleCampaign(fields.get("name"), when));
            }
        };
        return new AgentReply(text, session.outputs(), session.calls());
    }

    private String contacts(PeopleLines say, ToolBox.Tools tools, ToolSession session, String text, String sub,
            List<String> args, List<String> rest) {
        List<String> tags = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String a : args) {
            if (a.toLowerCase(Locale.ROOT).startsWith("tag:")) {
                tags.addAll(Arrays.asList(a.substring(4).split(",")));
            }
            else if (a.toLowerCase(Locale.ROOT).startsWith("not:")) {
                excluded.addAll(Arrays.asList(a.substring(4).split(",")));
            }
            else {
                plain.add(a);
            }
        }
        if (sub.contains("@") && args.isEmpty()) {
            return say.people(tools.contacts().showContact(sub));
        }
        return switch (sub) {
            case "add" -> plain.isEmpty() ? form(say, session, FormKind.CONTACT)
                    : say.people(tools.contacts().addContacts(EditCommands.addLines(text), tags));
            case "show" -> EditCommands.contact(tools, args);
            case "update" -> EditCommands.update(tools, args);
            case "delete" -> args.isEmpty() ? EditCommands.WHICH_CONTACT
                    : say.people(tools.contactEdits().deleteContact(args.get(0)));
            case "find", "search", "" ->
                say.people(tools.contacts().findContacts(String.join(" ", plain), tags.isEmpty() ? null : tags.get(0)));
            case "count" -> say.people(tools.contacts().countAudience(tags, List.of(), excluded));
            default -> sub.contains("@") ? EditCommands.contact(tools, rest) : unknown(say, session);
        };
    }

    /** {@code who ana@example.com}, also asked as "who is ana@example.com?". */
    private static String who(PeopleLines say, ToolBox.Tools tools, List<String> args) {
        List<String> addresses = args.stream()
            .map(a -> a.replaceAll("[?!.,;]+$", ""))
            .filter(a -> a.contains("@"))
            .toList();
        if (addresses.size() != 1) {
            return say.text("command.which.who");
        }
        return say.people(tools.contacts().showContact(addresses.get(0)));
    }

    private boolean isTemplate(String name) {
        return templates.list().stream().anyMatch(t -> t.name().equalsIgnoreCase(name.strip()));
    }

    private static List<String> after(List<String> rest) {
        return rest.size() > 1 ? rest.subList(1, rest.size()) : List.of();
    }

    /**
     * Finds the split between campaign name and time: the longest name that is a campaign
     * and leaves a readable time.
     */
    private String schedule(PeopleLines say, ToolBox.Tools tools, ToolSession session, List<String> args) {
        if (args.isEmpty()) {
            return say.text("command.schedule.how");
        }
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
            return say.people(tools.campaigns().scheduleCampaign(name, when));
        }
        return say
            .people(tools.campaigns().scheduleCampaign(args.get(0), String.join(" ", args.subList(1, args.size()))));
    }

    /**
     * {@code test <name> [to a@x.com, b@y.com]}: the addresses follow the last "to" after
     * which only addresses come.
     */
    private static String test(PeopleLines say, ToolBox.Tools tools, List<String> args) {
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

    private boolean exists(String name) {
        try {
            campaigns.getByName(name);
            return true;
        }
        catch (LuxException e) {
            return name.matches("#?\\d+");
        }
    }

    private static String named(PeopleLines say, List<String> rest, Function<String, ToolResult> action) {
        return rest.isEmpty() ? say.text("command.which.campaign") : say.people(action.apply(String.join(" ", rest)));
    }

    private static String drafted(PeopleLines say, ToolResult built) {
        return built instanceof ToolResult.CampaignDrafted ? say.people(built) + " " + say.text("command.pickATime")
                : say.people(built);
    }

    private static String form(PeopleLines say, ToolSession session, FormKind form) {
        session.show(new AgentOutput.Form(form));
        return say.text("command.form." + form.name().toLowerCase(Locale.ROOT));
    }

    private static String unknown(PeopleLines say, ToolSession session) {
        session.show(new AgentOutput.Help());
        return say.text("command.unknown") + " " + say.text("command.help") + EditCommands.HELP;
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
