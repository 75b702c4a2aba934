package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

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

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();
    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

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
    void cleanSlate() {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system());
        connector.clear();
    }

    @Test
    void aGermanTeamsUserGetsGermanHelpAndAnEnglishOneEnglish() throws Exception {
        post(say("help", "de-DE"));
        assertThat(connector.messages().get(0).text()).startsWith("Hallo, ich bin LUX. Ich verstehe diese Befehle:");
        assertThat(title(cards().get(0))).isEqualTo("Was ich kann");
        assertThat(cards().get(0).toString()).contains("Kontakt hinzufügen").doesNotContain("Add a contact");

        connector.clear();
        post(say("make me a sandwich", "de-DE"));
        assertThat(connector.messages().get(0).text()).startsWith("Das habe ich leider nicht verstanden.");

        for (String english : List.of("en-US", "fr-FR")) {
            connector.clear();
            post(say("help", english));
            assertThat(connector.messages().get(0).text()).as(english)
                .startsWith("Hi, I am LUX. I understand these commands:");
            assertThat(title(cards().get(0))).as(english).isEqualTo("What I can do");
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

        post(say("schedule Webinar tomorrow 10:00", "de-DE"));
        FakeConnector.Call german = connector.messages()
            .stream()
            .filter(c -> c.card() != null)
            .findFirst()
            .orElseThrow();
        assertThat(title(german.card())).isEqualTo("„Webinar“ planen?");
        assertThat(german.card().toString())
            .contains("\"title\":\"Empfänger\"", "\"title\":\"Vorlage\",\"value\":\"Einladung\"",
                    "Fr. 27. Nov. 2026, 10:00")
            .doesNotContain("Recipients", "Estimated finish");
        assertThat(german.card().path("actions")).extracting(a -> a.path("title").asText())
            .containsExactly("Bestätigen", "Abbrechen");

        connector.clear();
        String nonce = german.card().path("actions").get(0).path("data").path("nonce").asText();
        ObjectNode confirm = Activities.submit(connector.serviceUrl(), "conv-de-DE", AAD, german.responseId(),
                Activities.value().put("action", "confirm").put("nonce", nonce));
        confirm.put("locale", "de-DE");
        post(confirm);
        assertThat(campaigns.getByName("Webinar").status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(connector.updates()).singleElement()
            .satisfies(u -> assertThat(u.card().toString()).contains("Bestätigt",
                    "„Webinar“ ist geplant für Fr. 27. Nov. 2026, 10:00.", "Bestätigt von admin@lux.test"));
        assertThat(connector.messages())
            .anySatisfy(m -> assertThat(m.text()).startsWith("Erledigt: „Webinar“ ist geplant"));

        campaigns.create(new NewCampaign("Sale", template, null, AudienceFilter.anyOf("vip")), Actor.system());
        connector.clear();
        post(say("schedule Sale tomorrow 11:00", "en-US"));
        JsonNode english = connector.messages()
            .stream()
            .map(FakeConnector.Call::card)
            .filter(c -> c != null)
            .findFirst()
            .orElseThrow();
        assertThat(title(english)).isEqualTo("Schedule \"Sale\"?");
        assertThat(english.toString()).contains("\"title\":\"Recipients\"", "Fri 27 Nov 2026, 11:00")
            .doesNotContain("Empfänger");
        assertThat(english.path("actions")).extracting(a -> a.path("title").asText())
            .containsExactly("Confirm", "Cancel");
    }

    private static ObjectNode say(String text, String locale) {
        ObjectNode activity = Activities.message(connector.serviceUrl(), "conv-" + locale, AAD, text);
        activity.put("locale", locale);
        return activity;
    }

    private static String title(JsonNode card) {
        return card.path("body").get(0).path("text").asText();
    }

    private List<JsonNode> cards() {
        return connector.messages().stream().map(FakeConnector.Call::card).filter(c -> c != null).toList();
    }

    private void post(ObjectNode activity) throws Exception {
        HttpResponse<String> response = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

}
