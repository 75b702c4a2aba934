package lux.publicweb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.consent.ConsentEvent;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.preferences.Topic;
import lux.preferences.TopicDefinition;
import lux.preferences.TopicService;
import lux.suppression.SuppressionService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.users.ApiTokenService;
import lux.users.Role;
import lux.users.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The preference centre over real HTTP, with links taken from mails LUX composed into the
 * outbox and campaigns sent through the outbox: topics, pause, leaving, the data download
 * and erasure confirmed by mail; forged links refused.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.public-base-url=https://lux.example.com",
                "lux.preferences.erasure-link-validity=24h" })
@Import(PreferenceCentreRoutesTest.Clocks.class)
class PreferenceCentreRoutesTest {

    static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    static final String READER = "reader@example.net";
    static final Pattern ERASE_LINK = Pattern.compile("https://lux\\.example\\.com/u/erase/([A-Za-z0-9_.-]+)");

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        MutableClock preferenceClock() {
            return new MutableClock(START);
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    TopicService topics;

    @Autowired
    ConsentLedger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService apiTokens;

    @Autowired
    ObjectMapper json;

    long template;

    Map<String, Long> topicIds;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(START);
        contacts.create(
                new NewContact(READER, "Rea", null, null, Map.of("language", "de"), Set.of("news", "events"), "t"),
                Actor.system());
        contacts.create(new NewContact("other@example.net", "Otto", null, null, Map.of(),
                Set.of("news", "events", "offers"), "t"), Actor.system());
        template = templates.create(new TemplateContent("t", "Hi", "<p>Hello</p>", null), Actor.system()).id();
        topics.replace(List.of(new TopicDefinition("news", "Newsletter", "Once a month <b>news</b>"),
                new TopicDefinition("events", "Events <script>alert(1)</script>", null),
                new TopicDefinition("offers", "Offers", "Deals")), Actor.system());
        topicIds = Map.of("news", id("news"), "events", id("events"), "offers", id("offers"));
    }

    @Test
    void topicOptOutRemovesTheReaderFromTheNextCampaignForThatTagOnly() throws Exception {
        String token = linkOf(send("First news", "news"), READER);
        HttpResponse<String> page = get("/u/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as("German by the contact's language attribute")
            .contains("lang=\"de\"")
            .contains("Ihre E-Mail-Einstellungen")
            .contains("r***@example.net")
            .contains("Newsletter")
            .contains("Once a month &lt;b&gt;news&lt;/b&gt;")
            .contains("Events &lt;script&gt;alert(1)&lt;/script&gt;")
            .doesNotContain("<script>")
            .contains("value=\"" + topicIds.get("news") + "\" checked")
            .contains("value=\"" + topicIds.get("offers") + "\">");

        // news off, events kept, offers (not held) switched on
        HttpResponse<String> saved = post("/u/" + token + "/topics",
                "topic=" + topicIds.get("events") + "&topic=" + topicIds.get("offers"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Ihre Themen sind gespeichert")
            .contains("value=\"" + topicIds.get("news") + "\">");
        assertThat(contacts.findByEmail(READER).orElseThrow().tags()).as("the opt-out keeps the tag; opting in tags")
            .containsExactlyInAnyOrder("news", "events", "offers");

        assertThat(recipients(send("Second news", "news"))).containsExactly("other@example.net");
        assertThat(recipients(send("Events", "events"))).containsExactlyInAnyOrder(READER, "other@example.net");
        assertThat(recipients(send("Offers", "offers"))).containsExactlyInAnyOrder(READER, "other@example.net");
        assertThat(recipients(send("News or events", "news", "events")))
            .as("still reached through a topic not opted out")
            .containsExactlyInAnyOrder(READER, "other@example.net");
        assertThat(recipients(send("Everyone", new String[0]))).as("a topic opt-out is no unsubscribe")
            .containsExactlyInAnyOrder(READER, "other@example.net");

        contacts.tag(List.of(contacts.findByEmail(READER).orElseThrow().id()), List.of("news"), Actor.system());
        assertThat(recipients(send("Third news", "news")))
            .as("tagging again by a marketer does not undo the reader's choice")
            .containsExactly("other@example.net");

        post("/u/" + token + "/topics", "topic=" + topicIds.get("news") + "&topic=" + topicIds.get("events") + "&topic="
                + topicIds.get("offers"));
        assertThat(recipients(send("Fourth news", "news"))).containsExactlyInAnyOrder(READER, "other@example.net");

        List<ConsentEvent> history = ledger.history(READER);
        assertThat(history).extracting(e -> e.kind() + " " + e.source())
            .containsExactly("ADDED t", "TOPIC_OPT_OUT topic \"news\"", "TOPIC_OPT_IN topic \"offers\"",
                    "TOPIC_OPT_IN topic \"news\"");
        assertThat(history.get(1).channel()).isEqualTo("preference centre");
        assertThat(history.get(1).ip()).isEqualTo("127.0.0.1");
        assertThat(history.get(1).text()).isEqualTo("Newsletter: Once a month <b>news</b>");

        assertThat(post("/u/" + token + "/topics", "topic=abc").statusCode()).isEqualTo(400);
        assertThat(post("/u/" + token + "/topics",
                "topic=" + topicIds.get("news") + "&topic=" + topicIds.get("events") + "&topic="
                        + topicIds.get("offers") + "&topic=999999")
            .statusCode()).as("an id that is no public topic is ignored").isEqualTo(200);
        assertThat(ledger.history(READER)).as("nothing changed by it").hasSize(4);
    }

    @Test
    void aPauseKeepsEveryCampaignAwayUntilItEndsAndCanBeEndedEarly() throws Exception {
        String token = linkOf(send("First", "news"), READER);
        assertThat(post("/u/" + token + "/pause", "days=45").statusCode()).isEqualTo(400);
        HttpResponse<String> paused = post("/u/" + token + "/pause", "days=30");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body()).contains("E-Mails sind pausiert bis 2026-12-30");
        assertThat(recipients(send("Paused", "news"))).containsExactly("other@example.net");

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        assertThat(recipients(send("After the pause", "news"))).containsExactlyInAnyOrder(READER, "other@example.net");

        post("/u/" + token + "/pause", "days=90");
        assertThat(recipients(send("Paused again", "events"))).containsExactly("other@example.net");
        HttpResponse<String> resumed = post("/u/" + token + "/pause", "days=0");
        assertThat(resumed.body()).contains("E-Mails sind nicht mehr pausiert");
        assertThat(recipients(send("Resumed", "events"))).containsExactlyInAnyOrder(READER, "other@example.net");
        assertThat(ledger.history(READER)).filteredOn(e -> e.kind() == ConsentKind.PAUSE)
            .extracting(ConsentEvent::source)
            .containsExactly("paused for 30 days, until 2026-12-30T10:00:00Z",
                    "paused for 90 days, until 2027-03-30T10:01:00Z", "pause ended");
    }

    @Test
    void leavingIsStillTheOneClickPostAndAfterwardsNothingCanBeChosen() throws Exception {
        String token = linkOf(send("First", "news"), READER);
        assertThat(get("/u/" + token).body()).contains("name=\"List-Unsubscribe\" value=\"One-Click\"");
        HttpResponse<String> left = post("/u/" + token, "List-Unsubscribe=One-Click");
        assertThat(left.statusCode()).isEqualTo(200);
        assertThat(left.body()).contains("Erledigt: r***@example.net");
        assertThat(contacts.findByEmail(READER).orElseThrow().status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(get("/u/" + token).body()).contains("bereits abgemeldet").doesNotContain("name=\"topic\"");

        HttpResponse<String> late = post("/u/" + token + "/topics", "topic=" + topicIds.get("offers"));
        assertThat(late.body()).contains("Sie erhalten keine E-Mails mehr");
        assertThat(contacts.findByEmail(READER).orElseThrow().tags()).doesNotContain("offers");
        assertThat(recipients(send("After leaving", "news"))).containsExactly("other@example.net");
        assertThat(ledger.history(READER)).extracting(ConsentEvent::kind)
            .containsExactly(ConsentKind.ADDED, ConsentKind.UNSUBSCRIBE);
    }

    @Test
    void theReaderDownloadsTheirDataAsJson() throws Exception {
        String token = linkOf(send("First", "news"), READER);
        post("/u/" + token + "/topics", "topic=" + topicIds.get("events"));
        HttpResponse<String> data = post("/u/" + token + "/data", "");
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(data.headers().firstValue("Content-Disposition"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        assertThat(data.headers().firstValue("Cache-Control"))
            .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode export = json.readTree(data.body());
        assertThat(export.get("email").asText()).isEqualTo(READER);
        assertThat(export.get("contact").get("firstName").asText()).isEqualTo("Rea");
        assertThat(export.get("tags").toString()).contains("news");
        assertThat(export.get("campaignsReceived").get(0).get("campaign").asText()).isEqualTo("First");
        assertThat(export.get("preferences").get("topicsSwitchedOff").toString()).isEqualTo("[\"news\"]");
        assertThat(export.get("consentLedger").toString()).contains("TOPIC_OPT_OUT");
        assertThat(data.body()).doesNotContain("other@example.net");
        assertThat(get("/u/" + token + "/data").statusCode()).as("never by GET").isIn(404, 405);
    }

    @Test
    void erasureIsAskedOnThePageConfirmedByMailAndThenCarriedOut() throws Exception {
        String token = linkOf(send("First", "news"), READER);
        HttpResponse<String> asked = post("/u/" + token + "/erase", "");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Bitte sehen Sie in Ihr Postfach").contains("24 Stunden");
        assertThat(contacts.findByEmail(READER)).as("asking erases nothing yet").isPresent();
        post("/u/" + token + "/erase", "");
        List<Map<String, Object>> mails = jdbc.queryForList("SELECT subject, text_body, html_body FROM outbox_message "
                + "WHERE recipient = ? AND campaign_id IS NULL", READER);
        assertThat(mails).as("a second click within minutes sends no second mail").hasSize(1);
        assertThat(mails.get(0).get("subject")).isEqualTo("Bitte bestätigen Sie die Löschung Ihrer Daten");
        Matcher link = ERASE_LINK.matcher((String) mails.get(0).get("text_body"));
        assertThat(link.find()).isTrue();
        String erase = link.group(1);
        assertThat((String) mails.get(0).get("html_body"))
            .contains("href=\"https://lux.example.com/u/erase/" + erase + "\"");

        HttpResponse<String> confirmPage = get("/u/erase/" + erase);
        assertThat(confirmPage.statusCode()).isEqualTo(200);
        assertThat(confirmPage.body()).contains("method=\"post\"").contains("Ja, meine Daten löschen");
        assertThat(contacts.findByEmail(READER)).as("opening the link (a mail scanner) erases nothing").isPresent();
        assertThat(post("/u/erase/" + erase.substring(0, erase.length() - 2) + "AA", "").statusCode()).isEqualTo(404);
        assertThat(contacts.findByEmail(READER)).isPresent();

        clock.advance(Duration.ofHours(2));
        HttpResponse<String> erased = post("/u/erase/" + erase, "");
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("Ihre Daten wurden gelöscht");
        assertThat(contacts.findByEmail(READER)).isEmpty();
        assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE email = ?", Integer.class, READER))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM suppression WHERE kind = 'ADDRESS_HASH' AND entry = ?",
                Integer.class, SuppressionService.hash(READER)))
            .isEqualTo(1);
        List<ConsentEvent> history = ledger.history(READER);
        assertThat(history).extracting(e -> e.kind() + " " + e.channel())
            .containsExactly("ADDED system", "ERASURE_REQUEST preference centre", "ERASURE_REQUEST system");
        assertThat(history).extracting(ConsentEvent::ip).as("the IP went with the erasure").containsOnlyNulls();
        assertThat(post("/u/erase/" + erase, "").statusCode()).as("used once").isEqualTo(404);
        assertThat(get("/u/" + token).statusCode()).as("the old mail's link finds no one").isEqualTo(404);
    }

    @Test
    void anExpiredErasureLinkErasesNothing() throws Exception {
        String token = linkOf(send("First", "news"), READER);
        post("/u/" + token + "/erase", "");
        Matcher link = ERASE_LINK.matcher(jdbc.queryForObject(
                "SELECT text_body FROM outbox_message WHERE recipient = ? " + "AND campaign_id IS NULL", String.class,
                READER));
        assertThat(link.find()).isTrue();
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(get("/u/erase/" + link.group(1)).statusCode()).isEqualTo(410);
        HttpResponse<String> late = post("/u/erase/" + link.group(1), "");
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("Link abgelaufen");
        assertThat(contacts.findByEmail(READER)).isPresent();
    }

    @Test
    void forgedOrForeignTokensChangeNothingAndReadAsNotValid() throws Exception {
        long campaign = send("First", "news");
        String token = linkOf(campaign, READER);
        char flipped = token.charAt(3) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, 3) + flipped + token.substring(4);
        String open = openTokenOf(campaign, READER);
        for (String bad : List.of(forged, open, "x", "<script>")) {
            String path = "/u/" + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(get(path).statusCode()).as("GET " + bad).isEqualTo(404);
            assertThat(post(path + "/topics", "topic=" + topicIds.get("offers")).statusCode()).isEqualTo(404);
            assertThat(post(path + "/pause", "days=30").statusCode()).isEqualTo(404);
            assertThat(post(path + "/data", "").statusCode()).isEqualTo(404);
            assertThat(post(path + "/erase", "").statusCode()).isEqualTo(404);
            assertThat(get("/u/erase/" + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(404);
        }
        assertThat(get("/u/" + forged).body()).doesNotContain("<script>");
        assertThat(ledger.history(READER)).extracting(ConsentEvent::kind).containsExactly(ConsentKind.ADDED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE campaign_id IS NULL", Integer.class))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE paused_until IS NOT NULL", Integer.class))
            .isZero();
    }

    @Test
    void aContactWithoutLanguageReadsEnglish() throws Exception {
        HttpResponse<String> page = get("/u/" + linkOf(send("First", "news"), "other@example.net"));
        assertThat(page.body()).contains("lang=\"en\"")
            .contains("Your email settings")
            .contains("Pause for 30 days")
            .contains("Download my data (JSON)");
    }

    @Test
    void onlyAdminsSetTopicsThroughTheApi() throws Exception {
        User ada = fixtures.user("ada@lux.test", Role.ADMIN);
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        Actor byAda = new Actor(ada.getId(), "Ada", Channel.CONSOLE);
        Map<String, String> admin = Map.of("Authorization",
                "Bearer " + apiTokens.create("a", ada.getId(), Duration.ofDays(1), byAda).secret());
        Map<String, String> marketer = Map.of("Authorization",
                "Bearer " + apiTokens.create("m", mark.getId(), Duration.ofDays(1), byAda).secret());
        String body = "[{\"tag\":\"News\",\"label\":\"Newsletter\",\"description\":\"Monthly\"}]";
        assertThat(request("PUT", "/api/v1/topics", body, "application/json", marketer).statusCode()).isEqualTo(403);
        assertThat(request("GET", "/api/v1/topics", null, null, marketer).statusCode()).isEqualTo(403);
        HttpResponse<String> put = request("PUT", "/api/v1/topics", body, "application/json", admin);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(topics.list()).extracting(Topic::tag, Topic::label)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("news", "Newsletter"));
        JsonNode listed = json.readTree(request("GET", "/api/v1/topics", null, null, admin).body());
        assertThat(listed.get(0).get("description").asText()).isEqualTo("Monthly");
        HttpResponse<String> unknown = request("PUT", "/api/v1/topics", "[{\"tag\":\"nope\",\"label\":\"X\"}]",
                "application/json", admin);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("There is no tag \\\"nope\\\"");
        assertThat(request("PUT", "/api/v1/topics", "[{\"tag\":\"news\",\"label\":\" \"}]", "application/json", admin)
            .statusCode()).isEqualTo(400);
        assertThat(topics.list()).as("a refused list changes nothing").hasSize(1);
    }

    private long id(String tag) {
        return jdbc.queryForObject("SELECT id FROM tag WHERE name = ?", Long.class, tag);
    }

    /** Sends a campaign to {@code anyOf} through the outbox and returns its id. */
    private long send(String name, String... anyOf) {
        long campaign = campaigns
            .create(new NewCampaign(name, template, null, new AudienceFilter(Set.of(anyOf), Set.of(), Set.of())),
                    Actor.system())
            .id();
        campaigns.schedule(campaign, null, null, Actor.system());
        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        return campaign;
    }

    private List<String> recipients(long campaign) {
        return jdbc.queryForList("SELECT recipient FROM outbox_message WHERE campaign_id = ? ORDER BY recipient",
                String.class, campaign);
    }

    private String linkOf(long campaign, String recipient) {
        return tokenIn(campaign, recipient, "/u/");
    }

    private String openTokenOf(long campaign, String recipient) {
        return tokenIn(campaign, recipient, "/t/o/");
    }

    private String tokenIn(long campaign, String recipient, String route) {
        String html = jdbc.queryForObject(
                "SELECT html_body FROM outbox_message WHERE campaign_id = ? AND recipient = ?", String.class, campaign,
                recipient);
        Matcher m = Pattern.compile(Pattern.quote(route) + "([A-Za-z0-9_-]+)").matcher(html);
        assertThat(m.find()).as("mail contains " + route).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return request("GET", path, null, null, Map.of());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return request("POST", path, form, "application/x-www-form-urlencoded", Map.of());
    }

    private HttpResponse<String> request(String method, String path, String body, String type,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

}
