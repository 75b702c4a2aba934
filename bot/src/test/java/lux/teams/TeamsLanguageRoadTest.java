package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The user's Teams locale picks LUX's language: a de-DE activity gets German help, a
 * German confirmation card and a German answer to its button; an en-US (or unknown) one
 * English. Names and data stay as written.
 */
@DatabaseTest
@Import(BotRoadTest.Clocks.class)
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms",
                "lux.public-base-url=http://127.0.0.1:3978", "lux.imports.max-file-size=2MB",
                "lux.imports.fetch-timeout=20s" })
class TeamsLanguageRoadTest {

    static final Instant NOW = BotRoadTest.NOW;
    static final String AAD = BotRoadTest.AAD;

    @RegisterExtension
    static final TeamsChat teams = new TeamsChat(AAD);

    @Autowired
    UserService users;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void anAdmin() {
        clock.set(NOW);
        users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system());
    }

    @Test
    void aGermanTeamsUserGetsGermanHelpAndAnEnglishOneEnglish() throws Exception {
        teams.post(say("help", "de-DE"));
        assertThat(teams.messages().get(0).text()).startsWith("Hallo, ich bin LUX. Ich verstehe diese Befehle:");
        assertThat(TeamsChat.title(teams.cards().get(0))).isEqualTo("Was ich kann");
        assertThat(teams.cards().get(0).toString()).contains("Kontakt hinzufügen").doesNotContain("Add a contact");

        teams.clear();
        teams.post(say("make me a sandwich", "de-DE"));
        assertThat(teams.messages().get(0).text()).startsWith("Das habe ich leider nicht verstanden.");

        for (String english : List.of("en-US", "fr-FR")) {
            teams.clear();
            teams.post(say("help", english));
            assertThat(teams.messages().get(0).text()).as(english)
                .startsWith("Hi, I am LUX. I understand these commands:");
            assertThat(TeamsChat.title(teams.cards().get(0))).as(english).isEqualTo("What I can do");
        }
    }

    @Test
    void aGermanTeamsUserConfirmsOnAGermanCardAndAnEnglishOneOnAnEnglishCard() throws Exception {
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, Map.of(), Set.of("vip"), "test"),
                Actor.system());
        long template = templates
            .create(new TemplateContent("Einladung", "Hallo {{ contact.first_name }}", "<p>Kommen Sie!</p>", null),
                    Actor.system())
            .id();
        campaigns.create(new NewCampaign("Webinar", template, null, AudienceFilter.anyOf("vip")), Actor.system());

        teams.post(say("schedule Webinar tomorrow 10:00", "de-DE"));
        FakeConnector.Call german = teams.firstCardMessage();
        assertThat(TeamsChat.title(german.card())).isEqualTo("„Webinar“ planen?");
        assertThat(german.card().toString())
            .contains("\"title\":\"Empfänger\"", "\"title\":\"Vorlage\",\"value\":\"Einladung\"",
                    "Fr. 27. Nov. 2026, 10:00")
            .doesNotContain("Recipients", "Estimated finish");
        assertThat(german.card().path("actions")).extracting(a -> a.path("title").asText())
            .containsExactly("Bestätigen", "Abbrechen");

        teams.clear();
        ObjectNode confirm = teams.submit("conv-de-DE", german,
                Activities.value().put("action", "confirm").put("nonce", TeamsChat.nonce(german.card())));
        confirm.put("locale", "de-DE");
        teams.post(confirm);
        assertThat(campaigns.getByName("Webinar").status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(teams.connector().updates()).singleElement()
            .satisfies(u -> assertThat(u.card().toString()).contains("Bestätigt",
                    "„Webinar“ ist geplant für Fr. 27. Nov. 2026, 10:00.", "Bestätigt von admin@lux.test"));
        assertThat(teams.messages())
            .anySatisfy(m -> assertThat(m.text()).startsWith("Erledigt: „Webinar“ ist geplant"));

        campaigns.create(new NewCampaign("Sale", template, null, AudienceFilter.anyOf("vip")), Actor.system());
        teams.clear();
        teams.post(say("schedule Sale tomorrow 11:00", "en-US"));
        JsonNode english = teams.firstCardMessage().card();
        assertThat(TeamsChat.title(english)).isEqualTo("Schedule \"Sale\"?");
        assertThat(english.toString()).contains("\"title\":\"Recipients\"", "Fri 27 Nov 2026, 11:00")
            .doesNotContain("Empfänger");
        assertThat(english.path("actions")).extracting(a -> a.path("title").asText())
            .containsExactly("Confirm", "Cancel");
    }

    @Test
    void aGermanTeamsUserStartsOneJourneyAndTurnsDownAnotherAndIsToldSoInGerman() throws Exception {
        for (String name : List.of("Welcome", "Tips")) {
            templates.create(new TemplateContent(name, name + " {{ contact.first_name }}", "<p>" + name + "</p>", null),
                    Actor.system());
        }
        teams.post(say("journey Trial: when someone gets the tag trial, send Welcome now and Tips three days later",
                "de-DE"));
        FakeConnector.Call trial = teams.firstCardMessage();
        teams.clear();
        teams.post(press(trial, "confirm-journey"));
        assertThat(teams.connector().updates()).singleElement()
            .satisfies(u -> assertThat(u.card().toString())
                .contains("Bestätigt", "Die Journey „Trial“ läuft: wenn ein Kontakt den Tag trial bekommt, 3 Schritte.",
                        "Bestätigt von admin@lux.test")
                .doesNotContain("is running", "Confirmed"));
        assertThat(teams.texts()).containsExactly("Erledigt: Die Journey „Trial“ läuft: wenn ein Kontakt den Tag trial "
                + "bekommt, 3 Schritte. Bestätigt von admin@lux.test.");

        teams.clear();
        teams.post(say("journey Later: when someone gets the tag later, send Welcome now", "de-DE"));
        FakeConnector.Call later = teams.firstCardMessage();
        teams.clear();
        teams.post(press(later, "decline-journey"));
        assertThat(teams.connector().updates()).singleElement()
            .satisfies(u -> assertThat(u.card().toString()).contains("Nicht bestätigt",
                    "Die Journey „Later“ wurde nicht gestartet."));
        assertThat(teams.texts()).containsExactly("OK, die Journey wurde nicht gestartet.");
    }

    /** The German user presses the button for {@code action} on {@code card}. */
    private static ObjectNode press(FakeConnector.Call card, String action) {
        ObjectNode pressed = teams.submit("conv-de-DE", card,
                Activities.value().put("action", action).put("nonce", TeamsChat.nonce(card.card())));
        pressed.put("locale", "de-DE");
        return pressed;
    }

    private static ObjectNode say(String text, String locale) {
        ObjectNode activity = teams.message("conv-" + locale, text);
        activity.put("locale", locale);
        return activity;
    }

}
