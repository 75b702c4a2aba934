package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lux.agent.AgentOutput;
import lux.agent.insights.CampaignStats;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.imports.ImportEvent;
import lux.templates.RenderedMessage;
import lux.templates.TemplateView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every card the bot can send from fixtures (with hostile text in them) and
 * validates them with the official {@code adaptivecards} parser in Node
 * (bot/src/test/node; {@code npm install} there first, as .ci/run does). Without
 * node_modules the Node check is skipped unless {@code LUX_TEST_CARDS=required}.
 */
class CardFixturesTest {

    static final String NASTY = "Ana \"The\" O'Neil\n</script>{{ contact.first_name }} ${x} \\ ✓";
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Path OUT = Path.of("target", "cards");
    static final Map<String, Card> CARDS = new LinkedHashMap<>();
    static final Locale EN = Locale.ENGLISH;
    static final Locale DE = Locale.GERMAN;

    @BeforeAll
    static void render() throws IOException {
        CardFactory cards = new CardFactory(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        ProgressCards progress = new ProgressCards(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        CampaignView campaign = new CampaignView(7, "Spring " + NASTY, 3, null, AudienceFilter.anyOf("vip"),
                CampaignStatus.SENDING, Instant.parse("2026-12-01T09:00:00Z"), "Europe/Berlin", null, null, 120, 40, 2,
                1, Instant.EPOCH, Instant.EPOCH, null);
        ContactView contact = new ContactView(1, "ana@example.com", NASTY, "O'Neil", "Acme", Map.of(),
                ContactStatus.ACTIVE, List.of("vip", "lead"), null, null, null, null);
        TemplateView template = new TemplateView(3, "Invite " + NASTY, "Hi {{ contact.first_name }}", "<p>x</p>", null,
                Instant.EPOCH);
        CARDS.put("help", cards.help(false, false, EN));
        CARDS.put("welcome", cards.help(true, true, EN));
        CARDS.put("help-de", cards.help(false, false, DE));
        CARDS.put("welcome-de", cards.help(true, true, DE));
        CARDS.put("contacts-de",
                cards.contacts(new AgentOutput.Contacts("Contacts tagged vip", 42, List.of(contact, contact)), DE));
        CARDS.put("contacts",
                cards.contacts(new AgentOutput.Contacts("Contacts tagged vip", 42, List.of(contact, contact)), EN));
        CARDS.put("contacts-empty", cards.contacts(new AgentOutput.Contacts("Contacts", 0, List.of()), EN));
        CARDS.put("templates", cards.templates(new AgentOutput.Templates(List.of(template)), EN));
        CARDS.put("templates-empty", cards.templates(new AgentOutput.Templates(List.of()), EN));
        CARDS.put("template-preview", cards.templatePreview(new AgentOutput.TemplatePreview(3L, template.name(),
                new RenderedMessage("Hi " + NASTY, "<p>x</p>", "Hello " + NASTY + "\n".repeat(3) + "x".repeat(3000))),
                EN));
        CARDS.put("campaigns", cards.campaigns(new AgentOutput.Campaigns(List.of(campaign)), ZONE, EN));
        CARDS.put("confirmation",
                cards.confirmation(new AgentOutput.Confirmation("n0nce-" + "A".repeat(26),
                        lux.agent.ConfirmationKind.SCHEDULE, campaign, template.name(), template.subject(),
                        "active contacts tagged any of vip", 120, ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZONE),
                        Instant.parse("2026-12-01T09:04:00Z"), Instant.parse("2026-11-26T09:30:00Z"),
                        "news@lux.example.com (default)", null, List.of(), List.of()), ZONE, EN));
        AgentOutput.Confirmation scheduleIt = new AgentOutput.Confirmation("n0nce-" + "A".repeat(26),
                lux.agent.ConfirmationKind.SCHEDULE, campaign, template.name(), template.subject(),
                "active contacts tagged any of vip", 120, ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZONE),
                Instant.parse("2026-12-01T09:04:00Z"), Instant.parse("2026-11-26T09:30:00Z"),
                "news@lux.example.com (default)", null, List.of(), List.of());
        CARDS.put("confirmation-de", cards.confirmation(scheduleIt, ZONE, DE));
        CARDS.put("confirmation-reject",
                cards.confirmation(new AgentOutput.Confirmation("n0nce-" + "B".repeat(26),
                        lux.agent.ConfirmationKind.REJECT, campaign, template.name(), template.subject(),
                        "active contacts tagged any of vip", 120, ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZONE),
                        Instant.parse("2026-12-01T09:04:00Z"), Instant.parse("2026-11-26T09:30:00Z"),
                        "board@lux.example.com", "Prices are wrong " + NASTY, List.of(), List.of()), ZONE, EN));
        List<lux.campaigns.PlanCheck> blocking = List.of(lux.campaigns.PlanCheck
            .blocking(lux.campaigns.PlanCheck.Topic.PREFLIGHT, "No postal address " + NASTY));
        CARDS.put("confirmation-preflight",
                cards.confirmation(new AgentOutput.Confirmation("n0nce-" + "C".repeat(26),
                        lux.agent.ConfirmationKind.SCHEDULE, campaign, template.name(), template.subject(),
                        "active contacts tagged any of vip", 120, ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZONE),
                        Instant.parse("2026-12-01T09:04:00Z"), Instant.parse("2026-11-26T09:30:00Z"),
                        "news@lux.example.com (default)", null,
                        List.of(lux.campaigns.PlanCheck.warning(lux.campaigns.PlanCheck.Topic.PREFLIGHT,
                                "40 contacts have no first name — use {{ contact.first_name | default(\"there\") }}.")),
                        blocking), ZONE, EN));
        CARDS.put("confirmation-preflight-de",
                cards.confirmation(new AgentOutput.Confirmation("n0nce-" + "D".repeat(26),
                        lux.agent.ConfirmationKind.SCHEDULE, campaign, template.name(), template.subject(),
                        "active contacts tagged any of vip", 120, ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZONE),
                        Instant.parse("2026-12-01T09:04:00Z"), Instant.parse("2026-11-26T09:30:00Z"),
                        "news@lux.example.com (default)", null, List.of(lux.campaigns.PlanCheck
                            .warning(lux.campaigns.PlanCheck.Topic.PREFLIGHT, "40 contacts have no first name")),
                        blocking), ZONE, DE));
        CARDS.put("test-sent",
                cards.testSent(
                        new AgentOutput.TestSent("campaign", campaign.name(),
                                new lux.delivery.TestSendResult("[Test] Hi " + NASTY, "ana@example.com", "outbox",
                                        List.of("mia@lux.example.com"), List.of("bad@lux.example.com: " + NASTY))),
                        EN));
        CARDS.put("confirmation-done", cards.confirmationDone("Confirmed", "\"" + NASTY + "\" is scheduled.", EN));
        InsightCards insights = new InsightCards(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        CARDS
            .put("audience",
                    insights.audience(new lux.stats.AudienceAnalysis("contacts tagged " + NASTY, 120,
                            Map.of("active", 120L, "unsubscribed", 3L), Map.of(NASTY, 40L), 60, 20, 30, 10, 5, 90,
                            Map.of("example.com", 70L), 2, 1, List.of("Spread large sends over time.", NASTY)), EN));
        CARDS.put("content",
                insights.content("Invite " + NASTY,
                        new lux.agent.insights.ContentReport("Hi " + NASTY, 20, 4, "Preview " + NASTY, List.of("free"),
                                1, List.of(), 2, 1, 1, 120, true, false, 64.5, 14.2, List.of("Hi there", NASTY),
                                List.of("No unsubscribe link.", NASTY)),
                        EN));
        CARDS.put("stats", cards.stats(new CampaignStats(campaign, 120, 100, 2, 1, 17, 40, 5, 12, 1),
                "https://lux.example.com/charts/0123456789abcdef0123456789abcdef.png", EN));
        CARDS.put("stats-de", cards.stats(new CampaignStats(campaign, 120, 100, 2, 1, 17, 40, 5, 12, 1),
                "https://lux.example.com/charts/0123456789abcdef0123456789abcdef.png", DE));
        CARDS.put("progress", progress.progress(new ProgressCards.Progress(7, campaign.name(), CampaignStatus.SENDING,
                120, 40, 2, 1, Instant.parse("2026-12-01T09:04:00Z"), null, true), ZONE, EN));
        CARDS.put("progress-de", progress.progress(new ProgressCards.Progress(7, campaign.name(),
                CampaignStatus.SENDING, 120, 40, 2, 1, Instant.parse("2026-12-01T09:04:00Z"), null, true), ZONE, DE));
        CARDS.put("progress-finished", progress.progress(
                new ProgressCards.Progress(7, campaign.name(), CampaignStatus.SENT, 120, 117, 2, 1, null, NASTY, false),
                ZONE, EN));
        CARDS.put("import-progress",
                progress.importProgress(new ImportEvent.Progress(5, 1L, NASTY + ".csv", 500, 2000L, 3), EN));
        CARDS.put("import-result",
                progress.importResult(new ImportEvent.Finished(5, 1L, "contacts.csv", 1900, 80, 10, 10, false, null),
                        "https://lux.example.com/admin/imports/5/errors.csv",
                        List.of("line 4: " + NASTY + " \u2014 not a valid address"), EN));
        CARDS.put("import-refused",
                progress.importResult(
                        new ImportEvent.Finished(6, 1L, "photo.png", 0, 0, 0, 0, false, "it is not a CSV file"), null,
                        List.of(), EN));
        ContactCards contactCards = new ContactCards(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        List<lux.contacts.ContactHistoryView.Entry> timeline = java.util.Arrays
            .stream(lux.contacts.ContactHistoryView.Kind.values())
            .map(k -> new lux.contacts.ContactHistoryView.Entry(Instant.parse("2026-12-01T09:00:00Z"), k,
                    "Spring " + NASTY, NASTY))
            .toList();
        CARDS.put("contact",
                contactCards.timeline(new AgentOutput.ContactTimeline(
                        new lux.contacts.ContactHistoryView(1, "ana@example.com", NASTY, "O'Neil", "Acme " + NASTY,
                                ContactStatus.ACTIVE, List.of("vip", NASTY), timeline, 12),
                        new lux.stats.ContactEngagement(1, 3, 2, 1, 44, null)), ZONE, EN));
        CARDS.put("contact-new",
                contactCards.timeline(new AgentOutput.ContactTimeline(
                        new lux.contacts.ContactHistoryView(2, "ben@example.com", null, null, null,
                                ContactStatus.BOUNCED, List.of(), List.of(), 0),
                        new lux.stats.ContactEngagement(2, 0, 0, 0, 0, null)), ZONE, EN));
        CARDS.put("notice", progress.notice("LUX paused " + NASTY, NASTY));
        CARDS.put("form-contact", cards.form(lux.agent.FormKind.CONTACT, List.of(), EN));
        CARDS.put("form-template", cards.form(lux.agent.FormKind.TEMPLATE, List.of(), EN));
        CARDS.put("form-campaign", cards.form(lux.agent.FormKind.CAMPAIGN, List.of("Invite", NASTY), EN));
        EditCards edits = new EditCards(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        CARDS.put("contact",
                edits.contact(
                        new AgentOutput.Contact(contact,
                                new lux.stats.ContactEngagement(1, 4, 2, 1, 33, Instant.parse("2026-11-20T10:00:00Z"))),
                        ZONE, EN));
        CARDS.put("suppressions", edits.suppressions(new AgentOutput.Suppressions(30, List
            .of(new AgentOutput.SuppressionLine("address", "x@" + "rival.example", "manual", NASTY, Instant.EPOCH))),
                ZONE, EN));
        CARDS.put("contact-deletion",
                edits.contactDeletion(
                        new AgentOutput.ContactDeletion("n0nce-" + "D".repeat(26), "contacts tagged any of " + NASTY,
                                40, List.of("ana@example.com", NASTY), Instant.parse("2026-11-26T09:30:00Z")),
                        ZONE, EN));
        DigestCards digests = new DigestCards(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        DigestPeriod week = DigestPeriod
            .due(lux.digest.DigestCadence.WEEKLY, Instant.parse("2026-11-30T08:00:00Z"), ZONE)
            .orElseThrow();
        lux.digest.DigestNumbers numbers = new lux.digest.DigestNumbers(week.start(), week.end(),
                new lux.digest.DigestNumbers.Period(3, 1200, 480, 96, 40, 5, 2),
                new lux.digest.DigestNumbers.Period(2, 1000, 500, 0, 10, 1, 0),
                new lux.digest.DigestNumbers.BestLink("https://example.com/" + NASTY, 57),
                List.of(new lux.digest.DigestNumbers.JourneyProgress("Welcome " + NASTY, 12, 4)));
        CARDS.put("digest", digests.digest(week, numbers, "https://lux.example.com/admin", EN));
        CARDS.put("digest-de", digests.digest(week, new lux.digest.DigestNumbers(week.start(), week.end(),
                numbers.current(), numbers.previous(), null, List.of()), "https://lux.example.com/admin", DE));
        Files.createDirectories(OUT);
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, Card> e : CARDS.entrySet()) {
            Files.writeString(OUT.resolve(e.getKey() + ".json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(e.getValue().json()),
                    StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyCardIsAnAdaptiveCard15AndKeepsHostileTextAsText() {
        assertThat(CARDS).hasSize(38); // with the pre-flight, test-send, audience,
                                       // content, contact, editing, German and digest
                                       // cards
        CARDS.forEach((name, card) -> {
            JsonNode json = card.json();
            assertThat(json.path("type").asText()).as(name).isEqualTo("AdaptiveCard");
            assertThat(json.path("version").asText()).as(name).isEqualTo("1.5");
            assertThat(json.path("body").isArray()).as(name).isTrue();
        });
        String escaped = new ObjectMapper().valueToTree(PlainText.escape(NASTY)).toString();
        assertThat(CARDS.get("contacts").json().toString()).contains(escaped.substring(1, escaped.length() - 1));
        JsonNode confirm = CARDS.get("confirmation").json().path("actions").get(0);
        assertThat(confirm.path("data").path("action").asText()).isEqualTo("confirm");
        assertThat(confirm.path("data").path("nonce").asText()).startsWith("n0nce-");
        assertThat(CARDS.get("confirmation-done").json().has("actions")).isFalse();
        assertThat(CARDS.get("confirmation").json().toString())
            .contains("{\"title\":\"From\",\"value\":\"news@lux.example.com (default)\"}")
            .doesNotContain("\"Reason\"");
        assertThat(CARDS.get("confirmation-reject").json().toString()).contains("This cannot be undone")
            .contains("{\"title\":\"From\",\"value\":\"board@lux.example.com\"}")
            .contains("\"title\":\"Reason\"");
        JsonNode blocked = CARDS.get("confirmation-preflight").json();
        assertThat(blocked.path("actions")).extracting(a -> a.path("title").asText()).containsExactly("Cancel");
        assertThat(blocked.toString()).contains("Fix before it can be sent", "No postal address", "Warnings",
                "40 contacts have no first name");
        assertThat(CARDS.get("confirmation").json().toString()).doesNotContain("Pre-flight", "Fix before");
        assertThat(CARDS.get("test-sent").json().toString()).contains("Test sent: ", "mia@lux.example.com", "Not sent");
        assertThat(CARDS.get("template-preview").json().toString()).hasSizeLessThan(CardFactory.PREVIEW_CHARS + 1500);
        String digest = CARDS.get("digest").json().toString();
        assertThat(digest).contains("Your week in LUX", "Mon 23 Nov to Sun 29 Nov (Europe/Berlin)", "Campaigns sent",
                "3 (before: 2, +50%)", "1,200 (before: 1,000, +20%)", "480 (before: 500, -4%)", "96 (before: 0, +96)",
                "+33 (40 new, 5 unsubscribed, 2 bounced)", "Best link", "57 clicks", "Journeys",
                "12 entered, 4 completed", "Action.OpenUrl", "https://lux.example.com/admin");
        String digestDe = CARDS.get("digest-de").json().toString();
        assertThat(digestDe).contains("Ihre Woche in LUX", "Konsole öffnen", "1.200 (davor: 1.000, +20%)")
            .doesNotContain("Bester Link", "Journeys");
    }

    @Test
    void contactSuppliedMarkdownIsShownAsTextNeverAsALink() {
        String link = "[click](https://evil.example)";
        CardFactory cards = new CardFactory(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        ProgressCards progress = new ProgressCards(new CardTemplates(new lux.agent.TeamsMessages()),
                new lux.agent.TeamsMessages());
        ContactView mallory = new ContactView(9, "mallory@example.com", link, "**boss**", null, Map.of(),
                ContactStatus.ACTIVE, List.of("_vip_"), null, null, null, null);
        List<Card> shown = List
            .of(cards.contacts(new AgentOutput.Contacts("Contacts", 1, List.of(mallory)), EN),
                    cards
                        .templatePreview(
                                new AgentOutput.TemplatePreview(3L, "Welcome",
                                        new RenderedMessage("Hi " + link, "<p>x</p>",
                                                "Hello " + link + " ![img](https://evil.example/x.png) <b>html</b>")),
                                EN),
                    progress.importResult(new ImportEvent.Finished(5, 1L, link + ".csv", 0, 0, 0, 1, false, null), null,
                            List.of("line 2: " + link + " is not a valid address"), EN),
                    progress.notice("Imported " + link, "Added " + link));
        for (Card card : shown) {
            List<String> texts = new java.util.ArrayList<>();
            collectTexts(card.json(), texts);
            assertThat(texts).as(card.json().toString())
                .anySatisfy(t -> assertThat(t).contains("\\[click\\](https://evil.example)"));
            assertThat(texts).allSatisfy(t -> assertThat(t.replace("\\[", "").replace("\\]", "").replace("\\(", ""))
                .doesNotContain("[click]", "](", "**boss**", "<b>"));
        }
        assertThat(PlainText.escape("**boss** _vip_ `x` <b>")).isEqualTo("\\*\\*boss\\*\\* \\_vip\\_ \\`x\\` \\<b\\>");
    }

    /**
     * Every TextBlock text and fact title and value of a card: what Teams renders as
     * Markdown.
     */
    private static void collectTexts(JsonNode node, List<String> texts) {
        if (node.isObject()) {
            if ("TextBlock".equals(node.path("type").asText())) {
                texts.add(node.path("text").asText());
            }
            if (node.has("facts")) {
                node.path("facts").forEach(f -> {
                    texts.add(f.path("title").asText());
                    texts.add(f.path("value").asText());
                });
            }
            node.forEach(child -> collectTexts(child, texts));
        }
        else if (node.isArray()) {
            node.forEach(child -> collectTexts(child, texts));
        }
    }

    @Test
    void theOfficialParserAcceptsEveryCard() throws Exception {
        Path node = Path.of("src", "test", "node");
        boolean installed = Files.isDirectory(node.resolve("node_modules").resolve("adaptivecards"));
        boolean required = "required".equalsIgnoreCase(System.getenv("LUX_TEST_CARDS"));
        if (!installed && required) {
            throw new IllegalStateException("LUX_TEST_CARDS=required but " + node.resolve("node_modules")
                    + " has no adaptivecards: run npm install in " + node);
        }
        assumeTrue(installed, "adaptivecards is not installed in " + node
                + " (npm install there); set LUX_TEST_CARDS=required to fail");
        Process process = new ProcessBuilder("node", "validate-cards.js", OUT.toAbsolutePath().toString())
            .directory(node.toFile())
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).doesNotContain("FAIL");
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(l -> l.startsWith("OK "))).hasSize(CARDS.size());
    }

    @Test
    void germanCardsCarryGermanLabelsAndTheDataAsWritten() {
        assertThat(CARDS.get("help-de").json().toString())
            .contains("Was ich kann", "Kontakt hinzufügen", "Zahlen und ein Diagramm", "\"text\":\"campaigns\"")
            .doesNotContain("What I can do", "Add a contact");
        assertThat(CARDS.get("welcome-de").json().toString()).contains("Willkommen bei LUX", "Ihr Assistent");
        String confirm = CARDS.get("confirmation-de").json().toString();
        assertThat(confirm)
            .contains("{\"title\":\"Absender\",\"value\":\"news@lux.example.com (default)\"}",
                    "\"title\":\"Bestätigen\"", "\"title\":\"Abbrechen\"", "Nichts wird gesendet oder geplant",
                    "Di. 1. Dez. 2026, 10:00", "etwa Di. 1. Dez. 2026, 10:04", "planen?")
            .doesNotContain("\"Confirm\"", "\"From\"", "Estimated finish");
        assertThat(confirm).contains(new ObjectMapper().valueToTree(PlainText.escape("Invite " + NASTY)).toString());
        assertThat(CARDS.get("confirmation-preflight-de").json().toString()).contains("Vor dem Versand zu beheben",
                "No postal address");
        assertThat(CARDS.get("contacts-de").json().toString()).contains("42 Kontakte, die ersten 2 werden gezeigt");
        assertThat(CARDS.get("stats-de").json().toString()).contains("Statistik: ", "Geöffnet (Personen)",
                "Diagramm der Zahlen oben");
        assertThat(CARDS.get("progress-de").json().toString()).contains("Versand von „", "\"title\":\"Pausieren\"",
                "40 von 120");
        assertThat(CARDS.get("confirmation").json().toString()).contains("Tue 1 Dec 2026, 10:00",
                "\"title\":\"Confirm\"");
    }

}
