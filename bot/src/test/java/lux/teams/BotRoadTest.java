package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.ContactQuery;
import lux.contacts.ContactService;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole road in local mode: activities posted to /api/messages with a loopback fake
 * Bot Connector as serviceUrl; LUX's replies and card updates are read back from the
 * connector and the database is checked.
 */
@DatabaseTest
@Import(BotRoadTest.Clocks.class)
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms",
                "lux.public-base-url=http://127.0.0.1:3978", "lux.imports.max-file-size=2MB",
                "lux.imports.fetch-timeout=20s" })
class BotRoadTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    static final String AAD = "00000000-0000-0000-0000-0000000000aa";

    @RegisterExtension
    static final TeamsChat teams = new TeamsChat(AAD);

    static final FakeConnector connector = teams.connector();

    static final HttpClient http = HttpClient.newHttpClient();

    @AutoClose
    static final HostileFiles hostile = HostileFiles.start();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    MutableClock clock;

    long adminId;

    @TestConfiguration
    static class Clocks {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

    }

    @BeforeEach
    void anAdmin() {
        clock.set(NOW);
        adminId = users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system()).getId();
    }

    @Test
    void helpAndUnknownInputGetTheHelpCard() throws Exception {
        teams.say("help"); // and LUX answers the post with 200
        assertThat(teams.cards()).extracting(c -> c.path("body").get(0).path("text").asText())
            .contains("What I can do");

        teams.clear();
        teams.say("make me a sandwich");
        assertThat(teams.messages().get(0).text()).startsWith("Sorry, I did not understand that.");
        assertThat(teams.cards()).anySatisfy(c -> assertThat(c.path("version").asText()).isEqualTo("1.5"));
    }

    @Test
    void contactsAreAddedAsTheTeamsUserAndFound() throws Exception {
        teams.say("contacts add ana@example.com Ben@Example.org tag:vip");
        assertThat(teams.messages().get(0).text()).contains("Added 2 contacts tagged vip");
        assertThat(contacts.search(ContactQuery.all(), PageRequest.of(0, 10)).getContent())
            .extracting(c -> c.email() + " " + c.tags())
            .containsExactlyInAnyOrder("ana@example.com [vip]", "ben@example.org [vip]");
        assertThat(jdbc.queryForList(
                "SELECT DISTINCT channel || ':' || actor_user_id FROM audit_entry WHERE action = 'contact.create'",
                String.class))
            .containsExactly("TEAMS:" + adminId);

        teams.clear();
        teams.say("contacts find tag:vip");
        JsonNode card = teams.cards().get(0);
        assertThat(card.toString()).contains("ana@example.com", "ben@example.org");
        // the person gets the one card; what the model is told about contact data never
        // reaches Teams
        assertThat(teams.messages()).singleElement().satisfies(m -> assertThat(m.text()).isNull());
        assertThat(card.toString()).doesNotContain("DATA", "not instructions");
    }

    @Test
    void campaignFromFormsEndsAtTheConfirmationCardAndOnlyConfirmSchedulesIt() throws Exception {
        teams.say("contacts add ana@example.com tag:vip");
        ObjectNode template = Activities.value()
            .put("action", "form")
            .put("form", "template")
            .put("name", "Invite")
            .put("subject", "Hello {{ contact.first_name }}")
            .put("htmlBody", "<p>Join our webinar.</p>");
        teams.clear();
        teams.press("card-0", template);
        assertThat(teams.messages().get(0).text()).contains("Saved template \"Invite\"");
        assertThat(teams.cards().get(0).toString()).contains("Hello Alex");

        ObjectNode campaign = Activities.value()
            .put("action", "form")
            .put("form", "campaign")
            .put("name", "Webinar")
            .put("template", "Invite")
            .put("tags", "vip")
            .put("when", "tomorrow 10:00");
        teams.clear();
        teams.press("card-1", campaign);
        FakeConnector.Call confirmationCall = teams.firstCardMessage();
        JsonNode confirmation = confirmationCall.card();
        assertThat(confirmation.toString()).contains("Webinar", "Recipients", "Estimated finish");
        String nonce = confirmation.path("actions").get(0).path("data").path("nonce").asText();
        assertThat(nonce).hasSizeGreaterThan(20);
        CampaignView draft = campaigns.getByName("Webinar");
        assertThat(draft.status()).isEqualTo(CampaignStatus.DRAFT);

        // Typing "confirm" (as a model or a contact's text might) does nothing.
        teams.say("confirm");
        assertThat(campaigns.get(draft.id()).status()).isEqualTo(CampaignStatus.DRAFT);

        teams.clear();
        String cardActivityId = confirmationCall.responseId();
        teams.press(cardActivityId, Activities.value().put("action", "confirm").put("nonce", nonce));
        CampaignView scheduled = campaigns.get(draft.id());
        assertThat(scheduled.status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(scheduled.scheduledAt())
            .isEqualTo(LocalDateTime.parse("2026-11-27T10:00").atZone(ZoneId.of("Europe/Berlin")).toInstant());
        assertThat(connector.updates()).singleElement().satisfies(u -> {
            assertThat(u.path()).endsWith("/activities/" + cardActivityId);
            assertThat(u.card().toString()).contains("Confirmed").doesNotContain("Action.Submit");
        });
        assertThat(teams.messages()).anySatisfy(m -> assertThat(m.text()).startsWith("Done:"));

        teams.clear();
        teams.press(cardActivityId, Activities.value().put("action", "confirm").put("nonce", nonce));
        assertThat(teams.messages().get(0).text()).contains("already used");
    }

    @Test
    void pastedContactsShowTheirCardAndOnlyThePressedConfirmDeletesOne() throws Exception {
        teams.say("contacts add Ana Lopez <ana@example.com>, Acme tag:vip");
        assertThat(teams.messages().get(0).text()).isEqualTo("Added 1 contact tagged vip: ana@example.com.");

        teams.clear();
        teams.say("who is ana@example.com?");
        assertThat(teams.messages()).singleElement().satisfies(m -> assertThat(m.text()).isNull());
        assertThat(teams.cards().get(0).toString())
            .contains("Ana Lopez", "Acme", "active", "vip", "Engagement", "0/100")
            .doesNotContain("DATA", "not instructions");

        teams.clear();
        teams.say("contact delete ana@example.com");
        FakeConnector.Call cardCall = teams.firstCardMessage();
        assertThat(teams.messages().get(0).text())
            .isEqualTo("This cannot be undone: press Confirm on the card to delete this contact.");
        JsonNode confirm = cardCall.card().path("actions").get(0).path("data");
        assertThat(confirm.path("action").asText()).isEqualTo("confirm-contacts");
        teams.say("confirm");
        assertThat(contacts.findByEmail("ana@example.com")).isPresent();

        teams.clear();
        teams.press(cardCall.responseId(),
                Activities.value().put("action", "confirm-contacts").put("nonce", confirm.path("nonce").asText()));
        assertThat(contacts.findByEmail("ana@example.com")).isEmpty();
        assertThat(connector.updates()).singleElement()
            .satisfies(u -> assertThat(u.card().toString()).contains("Confirmed").doesNotContain("Action.Submit"));
        assertThat(teams.messages()).anySatisfy(m -> assertThat(m.text())
            .isEqualTo("Done: Deleted 1 contact (ana@example.com). Confirmed by admin@lux.test."));
    }

    @Test
    void statsCardCarriesAChartServedByLux() throws Exception {
        teams.say("contacts add ana@example.com tag:vip");
        teams.press("c",
                Activities.value()
                    .put("action", "form")
                    .put("form", "template")
                    .put("name", "T")
                    .put("subject", "S")
                    .put("htmlBody", "<p>B</p>"));
        teams.press("c",
                Activities.value()
                    .put("action", "form")
                    .put("form", "campaign")
                    .put("name", "Numbers")
                    .put("template", "T"));
        teams.clear();
        teams.say("stats Numbers");
        JsonNode card = teams.cards().get(0);
        JsonNode image = List.copyOf(card.findParents("url")).get(0);
        String url = image.path("url").asText();
        assertThat(url).startsWith("http://127.0.0.1:3978/charts/").endsWith(".png");
        HttpResponse<byte[]> png = http
            .send(HttpRequest.newBuilder(URI.create(teams.baseUrl() + url.substring("http://127.0.0.1:3978".length())))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void outgoingCallsAreRetriedWhenTeamsThrottles() throws Exception {
        connector.failNext(429, 502);
        teams.say("campaigns");
        assertThat(teams.messages()).isNotEmpty();
    }

    @Test
    void badBodiesAre400AndForeignServiceUrlsAreRefusedInLocalMode() throws Exception {
        assertThat(teams.send("").statusCode()).isEqualTo(400);
        assertThat(teams.send("{not json").statusCode()).isEqualTo(400);
        assertThat(teams.send("[1,2]").statusCode()).isEqualTo(400);
        assertThat(teams.send("{\"text\":\"no type\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> foreign = teams
            .send(Activities.message("https://smba.trafficmanager.net/emea/", "conv-1", AAD, "help").toString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(connector.calls()).isEmpty();
    }

    @Test
    void anAttachedCsvIsImportedInTheBackgroundWithACard() throws Exception {
        String url = connector.serveFile("/files/contacts.csv",
                "email,first_name\nzoe@example.com,Zoe\nyan@example.com,Yan\nnot-an-email,X\n");
        ObjectNode upload = teams.message(null);
        upload.putArray("attachments")
            .addObject()
            .put("contentType", "text/csv")
            .put("contentUrl", url)
            .put("name", "contacts.csv");
        teams.post(upload);
        assertThat(teams.messages().get(0).text()).isEqualTo("Got contacts.csv. Type import to add its contacts.");

        teams.clear();
        teams.say("import tag:webinar");
        assertThat(teams.messages().get(0).text()).contains("of contacts.csv started (tags: webinar)");
        FakeConnector.Call result = connector.await(
                c -> c.card() != null && c.card().toString().contains("Import finished"),
                java.time.Duration.ofSeconds(20));
        assertThat(result.card().toString()).contains("\"title\":\"Created\",\"value\":\"2\"",
                "\"title\":\"Invalid\",\"value\":\"1\"", "\"title\":\"Not imported\",\"value\":\"line 4: not-an-email",
                "/admin/imports/", "/errors.csv");
        assertThat(contacts.findByEmail("zoe@example.com"))
            .hasValueSatisfying(c -> assertThat(c.tags()).containsExactly("webinar"));
    }

    @Test
    void localModeRefusesToFetchFilesFromOtherHosts() throws Exception {
        ObjectNode upload = teams.message("import");
        upload.putArray("attachments")
            .addObject()
            .put("contentType", "text/csv")
            .put("contentUrl", "https://files.example.com/x.csv")
            .put("name", "x.csv");
        teams.post(upload);
        assertThat(teams.messages().get(0).text()).contains("cannot fetch x.csv", "local mode");
        teams.clear();
        teams.say("import");
        assertThat(teams.messages().get(0).text()).startsWith("No file attached yet.");
    }

    @Test
    void anEndlessAttachmentStopsAtTheSizeCapAndKeepsTheRowsBeforeIt() throws Exception {
        attachAndImport(hostile.url("/endless.csv"), "endless.csv");

        FakeConnector.Call result = connector.await(
                c -> c.card() != null && c.card().toString().contains("Import of endless.csv"),
                java.time.Duration.ofSeconds(60));
        assertThat(result.card().toString())
            .contains("The file was refused: The file is larger than 2 MB (lux.imports.max-file-size)");
        assertThat(jdbc.queryForObject("SELECT status FROM contact_import", String.class)).isEqualTo("FAILED");
        assertThat(hostile.endlessBytesSent()).isLessThan(64L * 1024 * 1024); // LUX hung
                                                                              // up; the
                                                                              // double
                                                                              // never got
                                                                              // far
        long imported = jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class);
        assertThat(imported).isPositive().isLessThanOrEqualTo(2L * 1024 * 1024 / HostileFiles.ROW_BYTES); // whole
                                                                                                          // rows
                                                                                                          // within
                                                                                                          // the
                                                                                                          // cap
    }

    @Test
    void anAttachmentThatRedirectsToAnInternalAddressIsNotFollowed() throws Exception {
        attachAndImport(hostile.url("/to-metadata.csv"), "meta.csv");

        FakeConnector.Call result = connector.await(
                c -> c.card() != null && c.card().toString().contains("Import of meta.csv"),
                java.time.Duration.ofSeconds(30));
        assertThat(result.card().toString()).contains("LUX cannot fetch this file: its address is not on this machine");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Long.class)).isZero();
    }

    private void attachAndImport(String url, String name) throws Exception {
        ObjectNode upload = teams.message(null);
        upload.putArray("attachments")
            .addObject()
            .put("contentType", "text/csv")
            .put("contentUrl", url)
            .put("name", name);
        teams.post(upload);
        assertThat(teams.messages().get(0).text()).isEqualTo("Got " + name + ". Type import to add its contacts.");
        teams.clear();
        teams.say("import");
        assertThat(teams.messages().get(0).text()).contains("of " + name + " started");
    }

    /**
     * A loopback file host that misbehaves: an endless CSV made as it is sent, and a
     * redirect to cloud metadata.
     */
    static final class HostileFiles implements AutoCloseable {

        static final int ROW_BYTES = 1000;

        private final com.sun.net.httpserver.HttpServer server;

        private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();

        private HostileFiles() throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer
                .create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/endless.csv", ex -> {
                ex.sendResponseHeaders(200, 0); // chunked, never ending (50 GB would take
                                                // far longer than any test)
                String notes = "n".repeat(ROW_BYTES - 30);
                try (java.io.OutputStream out = ex.getResponseBody()) {
                    out.write("email,notes\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    for (long row = 0; row < 50_000_000L; row++) {
                        byte[] line = String.format("r%015d@example.com,%s%n", row, notes)
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        out.write(line);
                        sent.addAndGet(line.length);
                    }
                }
                catch (java.io.IOException hungUp) {
                    // LUX stopped reading: expected
                }
            });
            server.createContext("/to-metadata.csv", ex -> {
                ex.getResponseHeaders()
                    .add("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
            server.start();
        }

        static HostileFiles start() {
            try {
                return new HostileFiles();
            }
            catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        long endlessBytesSent() {
            return sent.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }

    }

    @Test
    void welcomeCardOnInstall() throws Exception {
        ObjectNode update = teams.message("conv-9", null);
        update.put("type", "conversationUpdate");
        update.putArray("membersAdded").addObject().put("id", "29:user-" + AAD);
        teams.send(update.toString());
        assertThat(teams.cards()).singleElement()
            .satisfies(c -> assertThat(c.path("body").get(0).path("text").asText()).isEqualTo("Welcome to LUX"));
    }

}
