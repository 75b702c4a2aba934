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
import lux.agent.TeamsMessages;
import lux.agent.FormKind;
import lux.agent.insights.CampaignStats;
import lux.campaigns.CampaignView;
import lux.contacts.ContactView;
import lux.delivery.TestSendResult;
import lux.imports.ImportEvent;
import lux.preflight.PreflightReport;
import org.springframework.stereotype.Component;

/**
 * Every card the bot sends, built from data with the JSON templates of
 * {@link CardTemplates}; the cards people meet most (help, confirmation, contacts, stats,
 * progress) speak the reader's language, the data in them stays as written.
 */
@Component
class CardFactory {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private static final DateTimeFormatter WHEN_DE = DateTimeFormatter.ofPattern("EEE d. MMM yyyy, HH:mm",
            Locale.GERMAN);
    static final int PREVIEW_CHARS = 1500;

    private final CardTemplates templates;

    private final TeamsMessages messages;

    CardFactory(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    Card help(boolean welcome, boolean modelEnabled, Locale locale) {
        List<Map<String, Object>> commands = List.of(
                command("contacts add <email> tag:x", messages.text(locale, "card.help.cmd.contactsAdd")),
                command("contacts find <text> / count tag:x", messages.text(locale, "card.help.cmd.contactsFind")),
                command("who <email>", messages.text(locale, "card.help.cmd.who")),
                command("import", messages.text(locale, "card.help.cmd.import")),
                command("templates / template new", messages.text(locale, "card.help.cmd.templates")),
                command("campaign new / campaigns", messages.text(locale, "card.help.cmd.campaigns")),
                command("schedule <campaign> <when>", messages.text(locale, "card.help.cmd.schedule")),
                command("pause / resume / cancel <campaign>", messages.text(locale, "card.help.cmd.control")),
                command("stats <campaign>", messages.text(locale, "card.help.cmd.stats")));
        String intro = (welcome ? messages.text(locale, "card.help.welcome") + " " : "")
                + messages.text(locale, modelEnabled ? "card.help.model" : "card.help.commands");
        return templates.render("help",
                Map.of("title", messages.text(locale, welcome ? "card.help.welcomeTitle" : "card.help.title"), "intro",
                        intro, "commands", commands),
                locale);
    }

    Card contacts(AgentOutput.Contacts output, Locale locale) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContactView c : output.contacts()) {
            String details = c.displayName().equals(c.email()) ? "" : c.displayName() + " · ";
            details += c.status().name().toLowerCase(Locale.ROOT)
                    + (c.tags().isEmpty() ? "" : " · " + String.join(", ", c.tags()));
            rows.add(Map.of("email", c.email(), "details", details));
        }
        String total = messages.text(locale, "card.contacts.total", output.total());
        String summary = output.total() == 0 ? messages.text(locale, "card.contacts.none")
                : output.total() > rows.size() ? messages.text(locale, "card.contacts.showing", total, rows.size())
                        : total;
        return templates.render("contacts", Map.of("title", output.title(), "summary", summary, "contacts", rows),
                locale);
    }

    Card templates(AgentOutput.Templates output) {
        List<Map<String, Object>> rows = output.templates()
            .stream()
            .map(t -> Map.<String, Object>of("name", t.name(), "subject", t.subject()))
            .toList();
        return templates.render("templates", Map.of("templates", rows));
    }

    Card templatePreview(AgentOutput.TemplatePreview output) {
        String body = output.rendered().text();
        if (body.length() > PREVIEW_CHARS) {
            body = body.substring(0, PREVIEW_CHARS) + "…";
        }
        return templates.render("template-preview",
                Map.of("title", "Template: " + output.name(), "subject", output.rendered().subject(), "body", body));
    }

    Card campaigns(AgentOutput.Campaigns output, ZoneId zone) {
        List<Map<String, Object>> rows = output.campaigns()
            .stream()
            .map(c -> Map.<String, Object>of("name", c.name(), "status",
                    c.status().label() + (c.scheduledAt() == null ? "" : " · " + when(c.scheduledAt(), zone))
                            + (c.recipientsTotal() > 0 ? " · " + c.sentCount() + "/" + c.recipientsTotal() + " sent"
                                    : "")))
            .toList();
        return templates.render("campaigns", Map.of("campaigns", rows));
    }

    Card confirmation(AgentOutput.Confirmation c, ZoneId zone, Locale locale) {
        return confirmation(c, zone, null, locale);
    }

    /**
     * With the pre-flight report (null: none was made): blocking problems take the
     * Confirm button away.
     */
    Card confirmation(AgentOutput.Confirmation c, ZoneId zone, PreflightReport preflight, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean blocked = preflight != null && preflight.blocked();
        data.put("blocked", blocked);
        data.put("blocking", preflight == null ? List.of()
                : preflight.blocking().stream().map(PreflightReport.Problem::message).toList());
        // the plan's warnings hold the pre-flight's (and e.g. "send approval is on"); the
        // report adds what blocks
        data.put("warnings", c.warnings().stream().map(lux.campaigns.PlanCheck::message).toList());
        boolean destructive = c.kind().destructive();
        data.put("warning", messages.text(locale,
                blocked ? "card.confirm.blocked" : destructive ? "card.confirm.destructive" : "card.confirm.safe"));
        data.put("sender", c.sender());
        data.put("reason",
                c.note() == null
                        ? (c.kind() == ConfirmationKind.REJECT ? messages.text(locale, "card.confirm.noReason") : "")
                        : c.note());
        data.put("title", messages.text(locale, "card.confirm.title." + c.kind().name().toLowerCase(Locale.ROOT),
                c.campaign().name()));
        data.put("campaign", c.campaign().name());
        data.put("template", c.templateName());
        data.put("subject", c.subject());
        data.put("audience", c.audience());
        data.put("recipients", String.valueOf(c.audienceCount()));
        data.put("when",
                when(c.when().toInstant(), c.when().getZone(), locale) + " (" + c.when().getZone().getId() + ")");
        data.put("finish",
                messages.text(locale, "card.confirm.about", when(c.estimatedFinish(), c.when().getZone(), locale)));
        data.put("expires", when(c.expiresAt(), zone, locale));
        data.put("nonce", c.nonce());
        return templates.render("confirmation", data, locale);
    }

    /**
     * What a test send did: where it went, for whom it was rendered, and any address it
     * could not reach.
     */
    Card testSent(AgentOutput.TestSent t) {
        TestSendResult r = t.result();
        List<Map<String, Object>> facts = new ArrayList<>(List.of(fact("Subject", r.subject()),
                fact("Sent to", r.sentTo().isEmpty() ? "nobody" : String.join(", ", r.sentTo())),
                fact("Rendered for", r.renderedFor()), fact("Sent with", r.transport())));
        r.failed().forEach(f -> facts.add(fact("Not sent", f)));
        String text = "Links are not tracked and nothing is counted; the " + t.kind() + " is unchanged.";
        return facts((r.sentTo().isEmpty() ? "Test not sent: " : "Test sent: ") + t.name(), text, facts, null,
                List.of(), Locale.ENGLISH);
    }

    Card confirmationDone(String title, String text, Locale locale) {
        return facts(title, text, List.of(), null, List.of(), locale);
    }

    Card stats(CampaignStats s, String chartUrl, Locale locale) {
        List<Map<String, Object>> facts = List.of(
                fact(messages.text(locale, "card.stats.status"), s.campaign().status().label()),
                fact(messages.text(locale, "card.stats.recipients"), s.recipients()),
                fact(messages.text(locale, "card.stats.sent"), s.sent()),
                fact(messages.text(locale, "card.stats.delivered"),
                        messages.text(locale, "card.stats.deliveredValue",
                                String.valueOf(s.deliverability().delivered()))),
                fact(messages.text(locale, "card.stats.bounced"),
                        s.deliverability().hardBounces() + " / " + s.deliverability().softBounces() + " ("
                                + pct(s.deliverability().bounceRate()) + ")"),
                fact(messages.text(locale, "card.stats.failedSkipped"), s.failed() + " / " + s.skipped()),
                fact(messages.text(locale, "card.stats.replies"),
                        s.deliverability().replies() + " / " + s.deliverability().autoReplies()),
                fact(messages.text(locale, "card.stats.opened"), s.humanOpens() + " (" + pct(s.openRate()) + ")"),
                fact(messages.text(locale, "card.stats.clicked"), s.clicks() + " (" + pct(s.clickRate()) + ")"),
                fact(messages.text(locale, "card.stats.unsubscribed"),
                        s.unsubscribes() + " (" + pct(s.unsubscribeRate()) + ")"),
                fact(messages.text(locale, "card.stats.machineOpens"),
                        messages.text(locale, "card.stats.machineOpensValue", String.valueOf(s.machineOpens()))));
        return facts(messages.text(locale, "card.stats.title", s.campaign().name()), null, facts, chartUrl, List.of(),
                locale);
    }

    Card progress(Progress p, ZoneId zone, Locale locale) {
        long done = p.sent() + p.failed() + p.skipped();
        int percent = p.total() == 0 ? 0 : (int) Math.min(100, done * 100 / p.total());
        String bar = "█".repeat(percent / 5) + "░".repeat(20 - percent / 5) + " " + percent + "%";
        List<Map<String, Object>> facts = new ArrayList<>(
                List.of(fact(messages.text(locale, "card.stats.status"), p.status()),
                        fact(messages.text(locale, "card.progress.sent"),
                                messages.text(locale, "card.progress.sentValue", String.valueOf(p.sent()),
                                        String.valueOf(p.total()))),
                        fact(messages.text(locale, "card.stats.failedSkipped"), p.failed() + " / " + p.skipped())));
        if (p.estimatedFinish() != null) {
            facts.add(fact(messages.text(locale, "card.progress.finish"), when(p.estimatedFinish(), zone, locale)));
        }
        if (p.note() != null) {
            facts.add(fact(messages.text(locale, "card.progress.note"), p.note()));
        }
        Map<String, Object> stats = action(messages.text(locale, "card.progress.stats"),
                Map.of("action", "command", "text", "stats " + p.campaignName()));
        List<Map<String, Object>> actions = p.running() ? List.of(action(messages.text(locale, "card.progress.pause"),
                Map.of("action", "command", "text", "pause " + p.campaignName())), stats) : List.of(stats);
        return facts(messages.text(locale, "card.progress.title", p.campaignName()), bar, facts, null, actions, locale);
    }

    /**
     * An A/B test: one line per variant with its numbers and rate, the verdict, and while
     * a person may choose, a button per variant (each asks for a Confirm card).
     */
    Card abTest(lux.abtests.AbTestView t, ZoneId zone, Locale locale) {
        List<Map<String, Object>> facts = new ArrayList<>();
        facts.add(fact(messages.text(locale, "card.stats.status"), t.status().label()));
        for (lux.abtests.AbStatistics.VariantResult v : t.verdict().variants()) {
            String subject = t.variants().get(v.variant()).subject();
            facts.add(fact(messages.text(locale, "card.abtest.variant", v.label(), subject),
                    messages.text(locale, "card.abtest.numbers", String.valueOf(v.sent()), String.valueOf(v.opened()),
                            String.valueOf(v.clicked()), pct(v.rate()))
                            + (v.label().equals(t.winnerLabel()) ? " ★" : "")));
        }
        facts.add(fact(messages.text(locale, "card.abtest.verdict"), t.verdict().summary()));
        if (t.decision() != null) {
            facts.add(fact(messages.text(locale, "card.abtest.decision"), t.decision()));
        }
        else if (t.decideAt() != null) {
            facts.add(fact(messages.text(locale, "card.abtest.decideAt"), when(t.decideAt(), zone, locale)));
        }
        List<Map<String, Object>> actions = new ArrayList<>();
        if (t.status() == lux.abtests.AbTestStatus.AWAITING_CHOICE) {
            for (lux.abtests.AbTestView.Variant v : t.variants()) {
                actions.add(action(messages.text(locale, "card.abtest.send", v.label()),
                        Map.of("action", "command", "text", "winner " + v.label() + " of " + t.campaignName())));
            }
        }
        return facts(messages.text(locale, "card.abtest.title", t.campaignName()),
                messages.text(locale, "card.abtest.metric", t.metric().label()), facts, null, actions, locale);
    }

    Card importProgress(ImportEvent.Progress p) {
        String done = p.rowsTotal() == null ? p.rowsDone() + " rows read"
                : p.rowsDone() + " of " + p.rowsTotal() + " rows";
        return facts("Importing " + p.fileName(), "Working on it; this card updates as the import runs.",
                List.of(fact("Progress", done), fact("Invalid rows so far", p.invalid())), null, List.of(),
                Locale.ENGLISH);
    }

    /**
     * The result with counts and, when rows were refused, the first problems by line and
     * the full report's address.
     */
    Card importResult(ImportEvent.Finished f, String errorReportUrl, List<String> firstProblems) {
        String text = f.failure() != null ? "The file was refused: " + f.failure()
                : f.cancelled() ? "The import was cancelled; rows already read are kept." : "Import finished.";
        List<Map<String, Object>> facts = new ArrayList<>(List.of(fact("Created", f.created()),
                fact("Updated", f.updated()), fact("Skipped", f.skipped()), fact("Invalid", f.invalid())));
        if (f.invalid() > 0 || f.skipped() > 0) {
            firstProblems.forEach(problem -> facts.add(fact("Not imported", problem)));
            if (errorReportUrl != null) {
                facts.add(fact("Error report", errorReportUrl));
            }
        }
        return facts("Import of " + f.fileName(), text, facts, null, List.of(), Locale.ENGLISH);
    }

    Card notice(String title, String text) {
        return facts(title, text, List.of(), null, List.of(), Locale.ENGLISH);
    }

    Card form(FormKind form, List<String> templateNames) {
        return switch (form) {
            case CONTACT -> templates.render("form-contact", Map.of());
            case TEMPLATE -> templates.render("form-template", Map.of());
            case CAMPAIGN -> templates.render("form-campaign", Map.of("templates", templateNames));
        };
    }

    private Card facts(String title, String text, List<Map<String, Object>> facts, String image,
            List<Map<String, Object>> actions, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("text", text);
        data.put("facts", facts);
        data.put("image", image);
        data.put("imageAlt", messages.text(locale, "card.facts.chartAlt"));
        data.put("actions", actions);
        return templates.render("facts", data, locale);
    }

    static String when(Instant instant, ZoneId zone) {
        return when(instant, zone, Locale.ENGLISH);
    }

    /**
     * A time as people of {@code locale} read it (German: day and month in German, day
     * first with a point).
     */
    static String when(Instant instant, ZoneId zone, Locale locale) {
        DateTimeFormatter format = locale != null && locale.getLanguage().equals("de") ? WHEN_DE : WHEN;
        return instant == null ? "-" : format.format(ZonedDateTime.ofInstant(instant, zone));
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
    record Progress(long campaignId, String campaignName, String status, long total, long sent, long failed,
            long skipped, Instant estimatedFinish, String note, boolean running) {
        static Progress of(CampaignView c, String status, Instant estimatedFinish, String note, boolean running) {
            return new Progress(c.id(), c.name(), status, c.recipientsTotal(), c.sentCount(), c.failedCount(),
                    c.skippedCount(), estimatedFinish, note, running);
        }
    }

}
