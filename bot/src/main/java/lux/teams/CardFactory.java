package lux.teams;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.agent.AgentOutput;
import lux.agent.ConfirmationKind;
import lux.agent.FormKind;
import lux.agent.insights.CampaignStats;
import lux.campaigns.CampaignView;
import lux.contacts.ContactView;
import lux.delivery.TestSendResult;
import lux.imports.ImportEvent;
import lux.preflight.PreflightReport;
import org.springframework.stereotype.Component;

/** Every card the bot sends, built from data with the JSON templates of {@link CardTemplates}. */
@Component
class CardFactory {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    static final int PREVIEW_CHARS = 1500;
    private final CardTemplates templates;

    CardFactory(CardTemplates templates) {
        this.templates = templates;
    }

    Card help(boolean welcome, boolean modelEnabled) {
        List<Map<String, Object>> commands = List.of(
                command("contacts add <email> tag:x", "add contacts"),
                command("contacts find <text> / count tag:x", "search and count"),
                command("who <email>", "one contact: engagement and timeline"),
                command("import", "import an attached CSV file"),
                command("templates / template new", "list or write email templates"),
                command("campaign new / campaigns", "build and list campaigns"),
                command("schedule <campaign> <when>", "pick a time; you confirm on a card"),
                command("pause / resume / cancel <campaign>", "control sending"),
                command("stats <campaign>", "numbers and a chart"));
        String intro = (welcome ? "Hi! I am LUX, your email marketing assistant. I keep your contacts, write emails with you, "
                + "send campaigns from your mailbox and tell you how they did. " : "")
                + (modelEnabled ? "Just tell me what you need in your own words, or use these commands:"
                : "Use these commands (or the buttons below):");
        return templates.render("help", Map.of("title", welcome ? "Welcome to LUX" : "What I can do", "intro", intro,
                "commands", commands));
    }

    Card contacts(AgentOutput.Contacts output) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContactView c : output.contacts()) {
            String details = c.displayName().equals(c.email()) ? "" : c.displayName() + " · ";
            details += c.status().name().toLowerCase(Locale.ROOT) + (c.tags().isEmpty() ? "" : " · " + String.join(", ", c.tags()));
            rows.add(Map.of("email", c.email(), "details", details));
        }
        String summary = output.total() == 0 ? "No contacts found." : output.total() + (output.total() == 1 ? " contact" : " contacts")
                + (output.total() > rows.size() ? ", showing the first " + rows.size() : "");
        return templates.render("contacts", Map.of("title", output.title(), "summary", summary, "contacts", rows));
    }

    Card templates(AgentOutput.Templates output) {
        List<Map<String, Object>> rows = output.templates().stream()
                .map(t -> Map.<String, Object>of("name", t.name(), "subject", t.subject())).toList();
        return templates.render("templates", Map.of("templates", rows));
    }

    Card templatePreview(AgentOutput.TemplatePreview output) {
        String body = output.rendered().text();
        if (body.length() > PREVIEW_CHARS) {
            body = body.substring(0, PREVIEW_CHARS) + "…";
        }
        return templates.render("template-preview", Map.of("title", "Template: " + output.name(),
                "subject", output.rendered().subject(), "body", body));
    }

    Card campaigns(AgentOutput.Campaigns output, ZoneId zone) {
        List<Map<String, Object>> rows = output.campaigns().stream().map(c -> Map.<String, Object>of("name", c.name(),
                "status", c.status().label() + (c.scheduledAt() == null ? "" : " · " + when(c.scheduledAt(), zone))
                        + (c.recipientsTotal() > 0 ? " · " + c.sentCount() + "/" + c.recipientsTotal() + " sent" : ""))).toList();
        return templates.render("campaigns", Map.of("campaigns", rows));
    }

    Card confirmation(AgentOutput.Confirmation c, ZoneId zone) {
        return confirmation(c, zone, null);
    }

    /** With the pre-flight report (null: none was made): blocking problems take the Confirm button away. */
    Card confirmation(AgentOutput.Confirmation c, ZoneId zone, PreflightReport preflight) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean blocked = preflight != null && preflight.blocked();
        data.put("blocked", blocked);
        data.put("blocking", preflight == null ? List.of() : preflight.blocking().stream().map(PreflightReport.Problem::message).toList());
        // the plan's warnings hold the pre-flight's (and e.g. "send approval is on"); the report adds what blocks
        data.put("warnings", c.warnings().stream().map(lux.campaigns.PlanCheck::message).toList());
        String verb = switch (c.kind()) {
            case RESUME -> "Resume sending ";
            case APPROVE -> "Approve sending ";
            case CANCEL -> "Cancel for good ";
            case REJECT -> "Reject the send of ";
            case SCHEDULE -> "Schedule ";
            case DELETE_CONTACTS -> "Delete contacts of ";
        };
        boolean destructive = c.kind().destructive();
        data.put("warning", blocked ? "The pre-flight check found problems that stop this send; fix them and ask again."
                : destructive ? "This cannot be undone. Nothing happens until you press Confirm."
                : "Nothing is sent or scheduled until you press Confirm.");
        data.put("sender", c.sender());
        data.put("reason", c.note() == null ? (c.kind() == ConfirmationKind.REJECT ? "none given" : "") : c.note());
        data.put("title", verb + "\"" + c.campaign().name() + "\"?");
        data.put("campaign", c.campaign().name());
        data.put("template", c.templateName());
        data.put("subject", c.subject());
        data.put("audience", c.audience());
        data.put("recipients", String.valueOf(c.audienceCount()));
        data.put("when", WHEN.format(c.when()) + " (" + c.when().getZone().getId() + ")");
        data.put("finish", "about " + when(c.estimatedFinish(), c.when().getZone()));
        data.put("expires", when(c.expiresAt(), zone));
        data.put("nonce", c.nonce());
        return templates.render("confirmation", data);
    }

    /** What a test send did: where it went, for whom it was rendered, and any address it could not reach. */
    Card testSent(AgentOutput.TestSent t) {
        TestSendResult r = t.result();
        List<Map<String, Object>> facts = new ArrayList<>(List.of(fact("Subject", r.subject()),
                fact("Sent to", r.sentTo().isEmpty() ? "nobody" : String.join(", ", r.sentTo())),
                fact("Rendered for", r.renderedFor()), fact("Sent with", r.transport())));
        r.failed().forEach(f -> facts.add(fact("Not sent", f)));
        String text = "Links are not tracked and nothing is counted; the " + t.kind() + " is unchanged.";
        return facts((r.sentTo().isEmpty() ? "Test not sent: " : "Test sent: ") + t.name(), text, facts, null, List.of());
    }

    Card confirmationDone(String title, String text) {
        return facts(title, text, List.of(), null, List.of());
    }

    Card stats(CampaignStats s, String chartUrl) {
        List<Map<String, Object>> facts = List.of(
                fact("Status", s.campaign().status().label()),
                fact("Recipients", s.recipients()),
                fact("Sent (accepted)", s.sent()),
                fact("Delivered", s.deliverability().delivered() + " (sent less bounces)"),
                fact("Bounced hard / soft", s.deliverability().hardBounces() + " / " + s.deliverability().softBounces()
                        + " (" + pct(s.deliverability().bounceRate()) + ")"),
                fact("Failed / skipped", s.failed() + " / " + s.skipped()),
                fact("Replies / auto-replies", s.deliverability().replies() + " / " + s.deliverability().autoReplies()),
                fact("Opened (people)", s.humanOpens() + " (" + pct(s.openRate()) + ")"),
                fact("Clicked", s.clicks() + " (" + pct(s.clickRate()) + ")"),
                fact("Unsubscribed", s.unsubscribes() + " (" + pct(s.unsubscribeRate()) + ")"),
                fact("Machine-only opens", s.machineOpens() + " (not counted as opens)"));
        return facts("Stats: " + s.campaign().name(), null, facts, chartUrl, List.of());
    }

    Card progress(Progress p, ZoneId zone) {
        long done = p.sent() + p.failed() + p.skipped();
        int percent = p.total() == 0 ? 0 : (int) Math.min(100, done * 100 / p.total());
        String bar = "█".repeat(percent / 5) + "░".repeat(20 - percent / 5) + " " + percent + "%";
        List<Map<String, Object>> facts = new ArrayList<>(List.of(
                fact("Status", p.status()),
                fact("Sent", p.sent() + " of " + p.total()),
                fact("Failed / skipped", p.failed() + " / " + p.skipped())));
        if (p.estimatedFinish() != null) {
            facts.add(fact("Estimated finish", when(p.estimatedFinish(), zone)));
        }
        if (p.note() != null) {
            facts.add(fact("Note", p.note()));
        }
        List<Map<String, Object>> actions = p.running()
                ? List.of(action("Pause", Map.of("action", "command", "text", "pause " + p.campaignName())),
                        action("Stats", Map.of("action", "command", "text", "stats " + p.campaignName())))
                : List.of(action("Stats", Map.of("action", "command", "text", "stats " + p.campaignName())));
        return facts("Sending \"" + p.campaignName() + "\"", bar, facts, null, actions);
    }

    Card importProgress(ImportEvent.Progress p) {
        String done = p.rowsTotal() == null ? p.rowsDone() + " rows read" : p.rowsDone() + " of " + p.rowsTotal() + " rows";
        return facts("Importing " + p.fileName(), "Working on it; this card updates as the import runs.",
                List.of(fact("Progress", done), fact("Invalid rows so far", p.invalid())), null, List.of());
    }

    /** The result with counts and, when rows were refused, the first problems by line and the full report's address. */
    Card importResult(ImportEvent.Finished f, String errorReportUrl, List<String> firstProblems) {
        String text = f.failure() != null ? "The file was refused: " + f.failure()
                : f.cancelled() ? "The import was cancelled; rows already read are kept." : "Import finished.";
        List<Map<String, Object>> facts = new ArrayList<>(List.of(fact("Created", f.created()), fact("Updated", f.updated()),
                fact("Skipped", f.skipped()), fact("Invalid", f.invalid())));
        if (f.invalid() > 0 || f.skipped() > 0) {
            firstProblems.forEach(problem -> facts.add(fact("Not imported", problem)));
            if (errorReportUrl != null) {
                facts.add(fact("Error report", errorReportUrl));
            }
        }
        return facts("Import of " + f.fileName(), text, facts, null, List.of());
    }

    Card notice(String title, String text) {
        return facts(title, text, List.of(), null, List.of());
    }

    Card form(FormKind form, List<String> templateNames) {
        return switch (form) {
            case CONTACT -> templates.render("form-contact", Map.of());
            case TEMPLATE -> templates.render("form-template", Map.of());
            case CAMPAIGN -> templates.render("form-campaign", Map.of("templates", templateNames));
        };
    }

    private Card facts(String title, String text, List<Map<String, Object>> facts, String image, List<Map<String, Object>> actions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("text", text);
        data.put("facts", facts);
        data.put("image", image);
        data.put("imageAlt", "Chart of the numbers above");
        data.put("actions", actions);
        return templates.render("facts", data);
    }

    static String when(Instant instant, ZoneId zone) {
        return instant == null ? "-" : WHEN.format(ZonedDateTime.ofInstant(instant, zone));
    }

    private static String pct(double rate) {
        return Math.round(rate * 1000) / 10.0 + "%";
    }

    private static Map<String, Object> command(String name, String what) {
        return Map.of("name", name, "what", what);
    }

    private static Map<String, Object> fact(String title, Object value) {
        return Map.of("title", title, "value", String.valueOf(value));
    }

    private static Map<String, Object> action(String title, Map<String, Object> data) {
        return Map.of("title", title, "data", data);
    }

    /** What the live sending card shows. */
    record Progress(long campaignId, String campaignName, String status, long total, long sent, long failed, long skipped,
                    Instant estimatedFinish, String note, boolean running) {
        static Progress of(CampaignView c, String status, Instant estimatedFinish, String note, boolean running) {
            return new Progress(c.id(), c.name(), status, c.recipientsTotal(), c.sentCount(), c.failedCount(), c.skippedCount(),
                    estimatedFinish, note, running);
        }
    }
}
