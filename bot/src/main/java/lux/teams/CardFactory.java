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
import lux.campaigns.PlanCheck;
import lux.agent.ConfirmationKind;
import lux.agent.TeamsMessages;
import lux.agent.FormKind;
import lux.agent.insights.CampaignStats;
import lux.contacts.ContactView;
import lux.delivery.TestSendResult;
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

    private final FactCards factCards;

    CardFactory(CardTemplates templates, TeamsMessages messages) {
        this.templates = templates;
        this.messages = messages;
        this.factCards = new FactCards(templates, messages);
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

    /**
     * The schedule plan's blocking findings (pre-flight's) take the Confirm button away;
     * its warnings show beside it.
     */
    Card confirmation(AgentOutput.Confirmation c, ZoneId zone, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean blocked = c.blocked();
        data.put("blocked", blocked);
        data.put("blocking", c.blocking().stream().map(PlanCheck::message).toList());
        data.put("warnings", c.warnings().stream().map(PlanCheck::message).toList());
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
                List.of(FactCards.fact(messages.text(locale, "card.test.subject"), r.subject()),
                        FactCards.fact(messages.text(locale, "card.test.sentTo"),
                                r.sentTo().isEmpty() ? messages.text(locale, "card.test.nobody")
                                        : String.join(", ", r.sentTo())),
                        FactCards.fact(messages.text(locale, "card.test.renderedFor"), r.renderedFor()),
                        FactCards.fact(messages.text(locale, "card.test.sentWith"), r.transport())));
        r.failed().forEach(f -> facts.add(FactCards.fact(messages.text(locale, "card.test.failed"), f)));
        String text = messages.text(locale,
                "template".equals(t.kind()) ? "card.test.unchanged.template" : "card.test.unchanged.campaign");
        return factCards.render(
                messages.text(locale, r.sentTo().isEmpty() ? "card.test.notSent" : "card.test.sent", t.name()), text,
                facts, null, List.of(), locale);
    }

    Card confirmationDone(String title, String text, Locale locale) {
        return factCards.render(title, text, List.of(), null, List.of(), locale);
    }

    Card stats(CampaignStats s, String chartUrl, Locale locale) {
        List<Map<String, Object>> facts = List.of(
                FactCards.fact(messages.text(locale, "card.stats.status"),
                        messages.status(locale, s.campaign().status())),
                FactCards.fact(messages.text(locale, "card.stats.recipients"), s.recipients()),
                FactCards.fact(messages.text(locale, "card.stats.sent"), s.sent()),
                FactCards.fact(messages.text(locale, "card.stats.delivered"),
                        messages.text(locale, "card.stats.deliveredValue",
                                String.valueOf(s.deliverability().delivered()))),
                FactCards.fact(messages.text(locale, "card.stats.bounced"),
                        s.deliverability().hardBounces() + " / " + s.deliverability().softBounces() + " ("
                                + pct(s.deliverability().bounceRate()) + ")"),
                FactCards.fact(messages.text(locale, "card.stats.failedSkipped"), s.failed() + " / " + s.skipped()),
                FactCards.fact(messages.text(locale, "card.stats.replies"),
                        s.deliverability().replies() + " / " + s.deliverability().autoReplies()),
                FactCards.fact(messages.text(locale, "card.stats.opened"),
                        s.humanOpens() + " (" + pct(s.openRate()) + ")"),
                FactCards.fact(messages.text(locale, "card.stats.clicked"),
                        s.clicks() + " (" + pct(s.clickRate()) + ")"),
                FactCards.fact(messages.text(locale, "card.stats.unsubscribed"),
                        s.unsubscribes() + " (" + pct(s.unsubscribeRate()) + ")"),
                FactCards.fact(messages.text(locale, "card.stats.machineOpens"),
                        messages.text(locale, "card.stats.machineOpensValue", String.valueOf(s.machineOpens()))));
        return factCards.render(messages.text(locale, "card.stats.title", s.campaign().name()), null, facts, chartUrl,
                List.of(), locale);
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

}
