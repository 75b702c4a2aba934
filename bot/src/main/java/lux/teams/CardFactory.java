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
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.ContactView;
import lux.delivery.TestSendResult;
import lux.imports.ImportEvent;
import lux.preflight.PreflightReport;
import org.springframework.stereotype.Component;

/**
 * Every card the bot sends, built from data with the JSON templates of
 * {@link CardTemplates}, in the reader's language (labels, statuses, dates); the data in
 * them stays as written.
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
            details += messages.status(locale, c.status())
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

    Card templates(AgentOutput.Templates output, Locale locale) {
        List<Map<String, Object>> rows = output.templates()
            .stream()
            .map(t -> Map.<String, Object>of("name", t.name(), "subject", t.subject()))
            .toList();
        return templates.render("templates", Map.of("templates", rows), locale);
    }

    Card templatePreview(AgentOutput.TemplatePreview output, Locale locale) {
        String body = output.rendered().text();
        if (body.length() > PREVIEW_CHARS) {
            body = body.substring(0, PREVIEW_CHARS) + "…";
        }
        return templates.render("template-preview",
                Map.of("title", messages.text(locale, "card.preview.title", output.name()), "subject",
                        output.rendered().subject(), "body", body),
                locale);
    }

    Card campaigns(AgentOutput.Campaigns output, ZoneId zone, Locale locale) {
        List<Map<String, Object>> rows = output.campaigns()
            .stream()
            .map(c -> Map.<String, Object>of("name", c.name(), "status",
                    messages.status(locale, c.status())
                            + (c.scheduledAt() == null ? "" : " · " + when(c.scheduledAt(), zone, locale))
                            + (c.recipientsTotal() > 0 ? " · " + messages.text(locale, "card.campaigns.sent",
                                    String.valueOf(c.sentCount()), String.valueOf(c.recipientsTotal())) : "")))
            .toList();
        return templates.render("campaigns", Map.of("campaigns", rows), locale);
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
    Card testSent(AgentOutput.TestSent t, Locale locale) {
        TestSendResult r = t.result();
        List<Map<String, Object>> facts = new ArrayList<>(
                List.of(fact(messages.text(locale, "card.test.subject"), r.subject()),
                        fact(messages.text(locale, "card.test.sentTo"),
                                r.sentTo().isEmpty() ? messages.text(locale, "card.test.nobody")
                                        : String.join(", ", r.sentTo())),
                        fact(messages.text(locale, "card.test.renderedFor"), r.renderedFor()),
                        fact(messages.text(locale, "card.test.sentWith"), r.transport())));
        r.failed().forEach(f -> facts.add(fact(messages.text(locale, "card.test.failed"), f)));
        String text = messages.text(locale,
                "template".equals(t.kind()) ? "card.test.unchanged.template" : "card.test.unchanged.campaign");
        return facts(messages.text(locale, r.sentTo().isEmpty() ? "card.test.notSent" : "card.test.sent", t.name()),
                text, facts, null, List.of(), locale);
    }

    Card confirmationDone(String title, String text, Locale locale) {
        return facts(title, text, List.of(), null, List.of(), locale);
    }

    Card stats(CampaignStats s, String chartUrl, Locale locale) {
        List<Map<String, Object>> facts = List.of(
                fact(messages.text(locale, "card.stats.status"), messages.status(locale, s.campaign().status())),
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
                List.of(fact(messages.text(locale, "card.stats.status"), messages.status(locale, p.status())),
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

    Card importProgress(ImportEvent.Progress p, Locale locale) {
        String done = p.rowsTotal() == null
                ? messages.text(locale, "card.import.rowsRead", String.valueOf(p.rowsDone())) : messages.text(locale,
                        "card.import.rowsOf", String.valueOf(p.rowsDone()), String.valueOf(p.rowsTotal()));
        return facts(messages.text(locale, "card.import.progress.title", p.fileName()),
                messages.text(locale, "card.import.progress.text"),
                List.of(fact(messages.text(locale, "card.import.progress"), done),
                        fact(messages.text(locale, "card.import.invalidSoFar"), p.invalid())),
                null, List.of(), locale);
    }

    /**
     * The result with counts and, when rows were refused, the first problems by line and
     * the full report's address.
     */
    Card importResult(ImportEvent.Finished f, String errorReportUrl, List<String> firstProblems, Locale locale) {
        String text = f.failure() != null ? messages.text(locale, "card.import.refused", f.failure())
                : messages.text(locale, f.cancelled() ? "card.import.cancelled" : "card.import.finished");
        List<Map<String, Object>> facts = new ArrayList<>(
                List.of(fact(messages.text(locale, "card.import.created"), f.created()),
                        fact(messages.text(locale, "card.import.updated"), f.updated()),
                        fact(messages.text(locale, "card.import.skipped"), f.skipped()),
                        fact(messages.text(locale, "card.import.invalid"), f.invalid())));
        if (f.invalid() > 0 || f.skipped() > 0) {
            firstProblems
                .forEach(problem -> facts.add(fact(messages.text(locale, "card.import.notImported"), problem)));
            if (errorReportUrl != null) {
                facts.add(fact(messages.text(locale, "card.import.errorReport"), errorReportUrl));
            }
        }
        return facts(messages.text(locale, "card.import.result.title", f.fileName()), text, facts, null, List.of(),
                locale);
    }

    Card notice(String title, String text) {
        return facts(title, text, List.of(), null, List.of(), Locale.ENGLISH);
    }

    Card form(FormKind form, List<String> templateNames, Locale locale) {
        return switch (form) {
            case CONTACT -> templates.render("form-contact", Map.of(), locale);
            // the variable is LUX's own syntax, the same in every language
            case TEMPLATE -> templates.render(
                    "form-template", Map.of("hint", messages.text(locale, "card.form.template.hintBefore")
                            + " {{ contact.first_name }} " + messages.text(locale, "card.form.template.hintAfter")),
                    locale);
            case CAMPAIGN -> templates.render("form-campaign", Map.of("templates", templateNames), locale);
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
    record Progress(long campaignId, String campaignName, CampaignStatus status, long total, long sent, long failed,
            long skipped, Instant estimatedFinish, String note, boolean running) {
        Progress withNote(String note) {
            return new Progress(campaignId, campaignName, status, total, sent, failed, skipped, estimatedFinish, note,
                    running);
        }

        static Progress of(CampaignView c, CampaignStatus status, Instant estimatedFinish, String note,
                boolean running) {
            return new Progress(c.id(), c.name(), status, c.recipientsTotal(), c.sentCount(), c.failedCount(),
                    c.skippedCount(), estimatedFinish, note, running);
        }
    }

}
