package lux.agent.commands;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.FormKind;
import lux.agent.TeamsMessages;
import lux.agent.TurnRequest;
import lux.agent.tools.ToolBox;
import lux.agent.tools.ToolResult;
import lux.agent.tools.ToolSession;
import lux.campaigns.CampaignService;
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

    private final CampaignCommands campaignCommands;

    private final TeamsMessages messages;

    private final TemplateService templates;

    CommandMode(ToolBox toolBox, CampaignService campaigns, Clock clock, TeamsMessages messages,
            TemplateService templates) {
        this.messages = messages;
        this.templates = templates;
        this.toolBox = toolBox;
        this.campaignCommands = new CampaignCommands(campaigns, clock);
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
                yield say.text("command.hello") + " " + say.text("command.help") + say.text("command.help.edit") + "\n"
                        + say.text("command.help.segments") + "\n" + say.text("command.help.more");
            }
            case "contacts", "contact" -> ContactCommands.contacts(say, tools, session, turn.text(), sub,
                    words.size() > 2 ? words.subList(2, words.size()) : List.of(), rest);
            case "who" -> ContactCommands.who(say, tools, rest);
            case "untag" -> EditCommands.untag(say, tools, rest);
            case "unsubscribe" -> EditCommands.unsubscribe(say, tools, rest);
            case "duplicate", "copy" -> EditCommands.duplicate(say, tools, rest);
            case "bulk" -> EditCommands.bulk(say, tools, rest);
            case "segments" -> say.people(tools.segments().listSegments());
            case "segment" -> SegmentCommands.segment(say, tools, rest);
            case "resend" -> SegmentCommands.resend(say, tools, rest, campaignCommands::exists);
            case "journey" -> JourneyCommands.run(say, tools, turn.text(), rest);
            case "journeys" -> say.people(tools.journeys().listJourneys());
            case "suppressions" -> say.people(tools.suppressions().listSuppressions());
            case "suppress" -> EditCommands.suppress(say, tools, true, rest);
            case "unsuppress" -> EditCommands.suppress(say, tools, false, rest);
            case "import" -> say.people(tools.contacts()
                .importContacts(rest.stream()
                    .filter(w -> w.toLowerCase(Locale.ROOT).startsWith("tag:"))
                    .map(w -> w.substring(4))
                    .toList()));
            case "templates" -> say.people(tools.templates().listTemplates());
            case "template" -> switch (sub) {
                case "new" -> form(say, session, FormKind.TEMPLATE);
                case "subject" -> EditCommands.subject(say, tools, after(rest), this::isTemplate);
                case "replace" -> EditCommands.replace(say, tools, after(rest));
                default -> unknown(say, session);
            };
            case "preview" -> rest.isEmpty() ? say.text("command.which.preview")
                    : say.people(tools.templates().previewTemplate(String.join(" ", rest), null));
            case "campaign" -> switch (sub) {
                case "new" -> form(say, session, FormKind.CAMPAIGN);
                case "edit" -> EditCommands.editCampaign(say, tools, after(rest));
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
            case "test" -> AbTestCommands.isAbTest(turn.text()) ? AbTestCommands.test(say, tools, turn.text())
                    : CampaignCommands.test(say, tools, rest);
            case "results" -> AbTestCommands.results(say, tools, rest);
            case "winner" -> AbTestCommands.winner(say, tools, turn.text());
            case "campaigns" -> say.people(tools.campaigns().listCampaigns());
            case "schedule" -> CampaignCommands.bestTimeAsked(rest)
                    ? campaignCommands.bestTime(say, tools, session, CampaignCommands.withoutBestTime(rest))
                    : campaignCommands.schedule(say, tools, session, rest);
            case "besttime" -> campaignCommands.bestTime(say, tools, session, rest);
            case "digest" -> digest(say, tools, sub);
            case "pause" -> CampaignCommands.named(say, rest, tools.campaigns()::pauseCampaign);
            case "resume" -> CampaignCommands.named(say, rest, tools.campaigns()::resumeCampaign);
            case "cancel" -> CampaignCommands.named(say, rest, tools.campaigns()::cancelCampaign);
            case "stats" -> CampaignCommands.named(say, rest, tools.campaigns()::reportStats);
            case "approvals" -> say.people(tools.campaigns().listPendingApprovals());
            case "approve" -> CampaignCommands.named(say, rest, tools.campaigns()::approveCampaign);
            case "reject" -> CampaignCommands.named(say, rest, nameAndReason -> {
                String[] parts = nameAndReason.split("\\s+because\\s+|:\\s*", 2);
                return tools.campaigns().rejectCampaign(parts[0].strip(), parts.length > 1 ? parts[1] : null);
            });
            case "analyse", "analyze" ->
                say.people(tools.insights().analyseAudience(rest.isEmpty() ? null : tag(rest.get(0))));
            case "optimise", "optimize" -> rest.isEmpty() ? say.text("command.which.optimise")
                    : say.people(tools.insights().optimiseContent(String.join(" ", rest)));
            default -> unknown(say, session);
        };
        return new AgentReply(text, session.outputs(), session.calls(), session.privateAnswer());
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
                            list(fields.get("excludedTags")), fields.get("segment"));
                String when = fields.get("when");
                if (built instanceof ToolResult.Failure || when == null || when.isBlank()) {
                    yield CampaignCommands.drafted(say, built);
                }
                yield say.people(built) + "\n"
                        + say.people(tools.campaigns().scheduleCampaign(fields.get("name"), when));
            }
        };
        return new AgentReply(text, session.outputs(), session.calls(), session.privateAnswer());
    }

    private boolean isTemplate(String name) {
        return templates.list().stream().anyMatch(t -> t.name().equalsIgnoreCase(name.strip()));
    }

    private static List<String> after(List<String> rest) {
        return rest.size() > 1 ? rest.subList(1, rest.size()) : List.of();
    }

    /**
     * {@code digest off|daily|weekly}: how often this user gets the digest card.
     */
    private static String digest(PeopleLines say, ToolBox.Tools tools, String setting) {
        if (!List.of("off", "daily", "weekly").contains(setting)) {
            return say.text("digest.how");
        }
        ToolResult result = tools.sendTime().setDigest(setting);
        return result instanceof ToolResult.Failure ? say.people(result) : say.text("digest.set." + setting);
    }

    static String form(PeopleLines say, ToolSession session, FormKind form) {
        session.show(new AgentOutput.Form(form));
        return say.text("command.form." + form.name().toLowerCase(Locale.ROOT));
    }

    static String unknown(PeopleLines say, ToolSession session) {
        session.show(new AgentOutput.Help());
        return say.text("command.unknown") + " " + say.text("command.help") + say.text("command.help.edit") + "\n"
                + say.text("command.help.segments") + "\n" + say.text("command.help.more");
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
