package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import lux.agent.AgentOutput;
import lux.agent.TeamsMessages;
import lux.agent.insights.CampaignStats;
import lux.agent.insights.ContentReport;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactHistoryView;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.delivery.TestSendResult;
import lux.imports.ImportEvent;
import lux.inbound.InboundEvent;
import lux.stats.AudienceAnalysis;
import lux.stats.ContactEngagement;
import lux.templates.RenderedMessage;
import lux.testsupport.EnglishLeftovers;
import org.junit.jupiter.api.Test;

/**
 * The cards that were English only, rendered for a German Teams: each shows its German
 * words, and no English phrase of the bundle is left on it. The same card in English does
 * carry English phrases, so the scan can fail.
 */
class GermanCardsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");

    final TeamsMessages messages = new TeamsMessages();

    final CardTemplates templates = new CardTemplates(messages);

    final CardFactory cards = new CardFactory(templates, messages);

    final ProgressCards progress = new ProgressCards(templates, messages);

    final InsightCards insights = new InsightCards(templates, messages);

    final EditCards edits = new EditCards(templates, messages);

    final ContactCards contactCards = new ContactCards(templates, messages);

    final MailboxCards mailbox = new MailboxCards(templates, messages);

    final CampaignView campaign = new CampaignView(7, "Frühling", 3, null, AudienceFilter.anyOf("vip"),
            CampaignStatus.SENDING, AT, "Europe/Berlin", null, null, 120, 40, 2, 1, Instant.EPOCH, Instant.EPOCH, null);

    final ContactView contact = new ContactView(1, "ana@example.com", "Ana", "Lopez", "Acme", Map.of("city", "Köln"),
            ContactStatus.UNSUBSCRIBED, List.of("vip"), null, null, null, null);

    @Test
    void everyFormerlyEnglishCardSpeaksGermanWithNoEnglishLeft() {
        Map<String, Function<Locale, Card>> shown = new LinkedHashMap<>();
        Map<String, List<String>> german = new LinkedHashMap<>();
        shown
            .put("test-sent", l -> cards.testSent(
                    new AgentOutput.TestSent("campaign", "Frühling", new TestSendResult("[Test] Hallo",
                            "ana@example.com", "outbox", List.of("mia@lux.example.com"), List.of("x@y.example: 550"))),
                    l));
        german.put("test-sent", List.of("Test gesendet: Frühling", "Gesendet an", "Dargestellt für", "Nicht gesendet",
                "die Kampagne bleibt unverändert"));
        shown
            .put("test-not-sent",
                    l -> cards.testSent(
                            new AgentOutput.TestSent("template", "Einladung",
                                    new TestSendResult("Hallo", "ana@example.com", "outbox", List.of(), List.of())),
                            l));
        german.put("test-not-sent", List.of("Test nicht gesendet: Einladung", "niemanden", "die Vorlage bleibt"));
        shown.put("import-progress",
                l -> progress.importProgress(new ImportEvent.Progress(5, 1L, "kontakte.csv", 500, 2000L, 3), l));
        german.put("import-progress",
                List.of("Import von kontakte.csv läuft", "500 von 2000 Zeilen", "Bisher ungültige Zeilen"));
        shown.put("import-result",
                l -> progress.importResult(
                        new ImportEvent.Finished(5, 1L, "kontakte.csv", 1900, 80, 10, 10, false, null),
                        "https://lux.example.com/admin/imports/5/errors.csv", List.of("4: x"), l));
        german.put("import-result", List.of("Import von kontakte.csv", "Import abgeschlossen.", "Angelegt",
                "Aktualisiert", "Übersprungen", "Ungültig", "Nicht importiert", "Fehlerbericht"));
        shown.put("import-cancelled", l -> progress
            .importResult(new ImportEvent.Finished(6, 1L, "a.csv", 1, 0, 0, 0, true, null), null, List.of(), l));
        german.put("import-cancelled", List.of("Der Import wurde abgebrochen"));
        shown.put("replies", l -> mailbox
            .replies(new InboundEvent.RepliesReceived(7, "Frühling", 1L, 2, 3, "https://outlook.office.com/x", AT), l));
        german.put("replies", List.of("3 Personen haben auf „Frühling“ geantwortet", "2 neu seit der letzten Nachricht",
                "Absenderpostfach", "Neueste Antwort öffnen"));
        shown.put("bounces", l -> mailbox
            .pausedForBounces(new InboundEvent.PausedForBounces(7, "Frühling", 1L, 12, 200, 0.05, AT), l));
        german.put("bounces",
                List.of("LUX hat „Frühling“ pausiert", "12 von 200 Nachrichten (6,0 %)", "mehr als die 5,0 %"));
        shown
            .put("audience", l -> insights.audience(
                    new AudienceAnalysis("vip", 120, Map.of("active", 120L, "unsubscribed", 3L), Map.of("vip", 40L), 60,
                            20, 30, 10, 5, 90, Map.of("example.com", 70L), 2, 1, List.of("Große Sendungen verteilen.")),
                    l));
        german.put("audience", List.of("Zielgruppe: vip", "Aktive Kontakte", "aktiv 120", "abgemeldet 3",
                "Aktiv in 90 Tagen", "Nie angeschrieben", "2 Adressen, 1 per Domain", "Empfehlungen:"));
        shown
            .put("content",
                    l -> insights.content(
                            "Einladung", new ContentReport("Hallo", 20, 4, "Vorschau", List.of(), 1, List.of(), 2, 1, 1,
                                    120, true, false, 64.5, 14.2, List.of("Hallo du"), List.of("Kein Abmeldelink.")),
                            l));
        german.put("content",
                List.of("Inhaltsprüfung: Einladung", "Hallo (20 Zeichen, 4 Wörter)", "Personalisiert", "\nja\n",
                        "\nnein\n", "64,5 (14,2 Wörter pro Satz)", "\nkeine\n", "Probleme:",
                        "Ansätze für einen neuen Betreff:"));
        List<ContactHistoryView.Entry> entries = Arrays.stream(ContactHistoryView.Kind.values())
            .map(k -> new ContactHistoryView.Entry(AT, k, "Frühling", "mia@lux.test"))
            .toList();
        shown.put("timeline", l -> contactCards.timeline(
                new AgentOutput.ContactTimeline(new ContactHistoryView(1, "ana@example.com", "Ana", "Lopez", "Acme",
                        ContactStatus.ACTIVE, List.of(), entries, 12), new ContactEngagement(1, 3, 2, 1, 44, null)),
                ZONE, l));
        german.put("timeline", List.of("Verlauf", "\naktiv\n", "\nkeine\n",
                "44/100 (erhalten 3, geöffnet 2, geklickt 1; nur Personen)", "12 ältere Einträge nicht angezeigt",
                "1. Dez. 2026 10:00", "Hinzugefügt von mia@lux.test", "Importiert aus Frühling von mia@lux.test",
                "Von einer Maschine geöffnet", "Unzustellbar, mia@lux.test: Frühling"));
        shown.put("contact",
                l -> edits.contact(
                        new AgentOutput.Contact(contact,
                                new ContactEngagement(1, 4, 2, 1, 33, Instant.parse("2026-11-20T10:00:00Z"))),
                        ZONE, l));
        german.put("contact", List.of("E-Mail", "Firma", "abgemeldet", "Interesse", "33 / 100",
                "4 erhalten, 2 geöffnet, 1 geklickt", "Zuletzt aktiv", "20. Nov. 2026"));
        shown.put("suppressions",
                l -> edits.suppressions(
                        new AgentOutput.Suppressions(30, List
                            .of(new AgentOutput.SuppressionLine("address", "x@rival.example", "manual", null, AT))),
                        ZONE, l));
        german.put("suppressions", List.of("Sperrliste", "30 Einträge, die neuesten 1 angezeigt",
                "LUX schreibt diese Adressen und Domains nie an"));
        shown.put("contact-deletion",
                l -> edits.contactDeletion(new AgentOutput.ContactDeletion("n0nce-" + "D".repeat(26),
                        "Kontakte mit vip", 40, List.of("ana@example.com"), AT), ZONE, l));
        german.put("contact-deletion", List.of("40 Kontakte mit vip löschen?", "Das lässt sich nicht rückgängig machen",
                "Die ersten", "Karte gültig bis", "\nBestätigen\n", "\nAbbrechen\n"));
        shown.put("campaigns", l -> cards.campaigns(new AgentOutput.Campaigns(List.of(campaign)), ZONE, l));
        german.put("campaigns", List.of("Kampagnen", "wird gesendet", "40/120 gesendet", "Neue Kampagne"));
        shown.put("campaigns-none", l -> cards.campaigns(new AgentOutput.Campaigns(List.of()), ZONE, l));
        german.put("campaigns-none", List.of("Es gibt noch keine Kampagnen."));
        shown.put("templates", l -> cards.templates(new AgentOutput.Templates(List.of()), l));
        german.put("templates", List.of("Vorlagen", "Es gibt noch keine Vorlagen.", "Neue Vorlage"));
        shown.put("template-preview", l -> cards.templatePreview(
                new AgentOutput.TemplatePreview(3L, "Einladung", new RenderedMessage("Hallo", "<p>x</p>", "Hallo")),
                l));
        german.put("template-preview", List.of("Vorlage: Einladung", "Vorschau für einen Beispielkontakt", "Betreff"));
        shown.put("contacts", l -> cards.contacts(new AgentOutput.Contacts("vip", 1, List.of(contact)), l));
        german.put("contacts", List.of("abgemeldet · vip"));
        shown.put("stats", l -> cards.stats(new CampaignStats(campaign, 120, 100, 2, 1, 17, 40, 5, 12, 1), null, l));
        german.put("stats", List.of("wird gesendet"));
        shown
            .put("progress",
                    l -> progress
                        .progress(
                                new ProgressCards.Progress(7, "Frühling", CampaignStatus.PAUSED, 120, 40, 2, 1, null,
                                        null, false)
                                    .withNote(messages.text(l, "card.progress.pausedBy", "Mia")),
                                ZONE, l));
        german.put("progress", List.of("pausiert", "pausiert von Mia"));
        shown.put("form-contact", l -> cards.form(lux.agent.FormKind.CONTACT, List.of(), l));
        german.put("form-contact", List.of("Kontakte hinzufügen", "E-Mail-Adressen (durch Kommas getrennt)",
                "Geben Sie mindestens eine E-Mail-Adresse an", "Hinzufügen"));
        shown.put("form-template", l -> cards.form(lux.agent.FormKind.TEMPLATE, List.of(), l));
        german.put("form-template", List.of("Neue E-Mail-Vorlage",
                "Sie können {{ contact.first_name }} und andere Kontaktfelder verwenden.", "Vorlage speichern"));
        shown.put("form-campaign", l -> cards.form(lux.agent.FormKind.CAMPAIGN, List.of("Einladung"), l));
        german.put("form-campaign", List.of("Neue Kampagne", "Name der Kampagne", "morgen 10:00", "Kampagne anlegen"));

        shown.forEach((name, card) -> {
            String de = texts(card.apply(Locale.GERMAN).json());
            assertThat(de).as(name).contains(german.get(name));
            assertThat(EnglishLeftovers.in(de, "card.", "status.")).as(name + ": English left on the German card")
                .isEmpty();
        });
        // the scan finds English where it is: it can fail
        for (String name : List.of("test-sent", "import-result", "replies", "audience", "content", "timeline",
                "contact", "suppressions", "contact-deletion", "campaigns", "form-contact", "form-template",
                "form-campaign")) {
            assertThat(EnglishLeftovers.in(texts(shown.get(name).apply(Locale.ENGLISH).json()), "card.", "status."))
                .as(name + " in English")
                .isNotEmpty();
        }
    }

    @Test
    void statusesPeopleReadAreWordsOfTheirLanguage() {
        assertThat(messages.status(Locale.GERMAN, CampaignStatus.CANCELLED)).isEqualTo("abgebrochen");
        assertThat(messages.status(Locale.ENGLISH, CampaignStatus.CANCELLED)).isEqualTo("cancelled");
        assertThat(messages.status(Locale.GERMAN, ContactStatus.BOUNCED)).isEqualTo("unzustellbar");
        assertThat(messages.status(Locale.GERMAN, lux.campaigns.RecipientStatus.SKIPPED)).isEqualTo("übersprungen");
    }

    /**
     * Every string of the card (texts, fact titles and values, button titles), one a
     * line.
     */
    static String texts(JsonNode card) {
        List<String> all = new ArrayList<>();
        collect(card, all);
        return "\n" + String.join("\n", all) + "\n";
    }

    private static void collect(JsonNode node, List<String> all) {
        if (node.isTextual()) {
            all.add(node.asText().replace("\\", "")); // Markdown escapes are not words
        }
        node.forEach(child -> collect(child, all));
    }

}
