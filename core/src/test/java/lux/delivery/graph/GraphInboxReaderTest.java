package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import lux.campaigns.CampaignService;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.inbound.InboundFixture;
import lux.inbound.InboundProcessor;
import lux.inbound.InboundReading;
import lux.inbound.MailboxCursors;
import lux.inbound.MailboxReader;
import lux.inbound.Samples;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.TestDatabase;
import lux.tracking.TokenKind;
import lux.tracking.TrackingTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Graph mailbox reader against a TLS loopback double of Entra ID and Graph speaking
 * Graph's JSON: the Inbox delta in two pages ({@code @odata.nextLink}, then
 * {@code @odata.deltaLink}, one {@code @removed} entry), each message's MIME from
 * {@code $value}, the processed folder looked up and created, each message moved. Then
 * two LUX instances on one database read the same mailbox at once.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
@Import(GraphInboxReaderTest.Doubles.class)
class GraphInboxReaderTest {

    static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER = "/v1\\.0/users/news(@|%40)contoso\\.test";
    static final String ANN = "ann.lee@fabrikam.example";
    static final String BOB = "bob.stone@fabrikam.example";
    static final String CLEO = "cleo.park@fabrikam.example";
    static final String DANA = "dana.weiss@fabrikam.example";
    static final String ELI = "eli.novak@fabrikam.example";
    static final String FINN = "finn.roberts@fabrikam.example";

    static {
        GRAPH.start();
    }

    static class Doubles {

        /**
         * Trusts the double's self-signed certificate; production uses the JDK's trust
         * store.
         */
        @Bean
        GraphTransport.GraphHttpClient graphHttpClient() throws Exception {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { new GraphDeliveryTest.TrustEverything() }, new SecureRandom());
            return new GraphTransport.GraphHttpClient(HttpClient.newBuilder().sslContext(tls).build());
        }

    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        settings().forEach((k, v) -> registry.add(k, () -> v));
    }

    static Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("lux.mail.transport", "graph");
        s.put("lux.graph.tenant-id", "tenant-1");
        s.put("lux.graph.client-id", "client-1");
        s.put("lux.graph.client-secret", "secret-1");
        s.put("lux.graph.sender", "news@contoso.test");
        s.put("lux.mail.default-sender", "news@contoso.test");
        s.put("lux.graph.authority", "https://localhost:" + GRAPH.httpsPort());
        s.put("lux.graph.base-url", "https://localhost:" + GRAPH.httpsPort() + "/v1.0");
        s.put("lux.graph.timeout", "5s");
        s.put("lux.delivery.enabled", "false");
        s.put("lux.inbound.enabled", "true");
        s.put("lux.inbound.poll", "1h"); // the test reads; the scheduler stays out of its
                                         // way
        return s;
    }

    @AfterAll
    static void stop() {
        GRAPH.stop();
    }

    @Autowired
    InboundReading reading;

    @Autowired
    MailboxReader reader;

    @Autowired
    InboundProcessor processor;

    @Autowired
    MailboxCursors cursors;

    @Autowired
    TemplateService templates;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    TrackingTokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    lux.stats.StatsService stats;

    InboundFixture.Sent sent;

    @BeforeEach
    void inbox() throws Exception {
        DatabaseCleaner.clean(jdbc);
        GRAPH.resetAll();
        sent = InboundFixture.sending(templates, contacts, campaigns, jdbc, "Spring sale", null,
                List.of(ANN, BOB, CLEO, DANA, ELI, FINN));
        String base = "https://localhost:" + GRAPH.httpsPort()
                + "/v1.0/users/news@contoso.test/mailFolders/inbox/messages/delta";
        GRAPH.stubFor(post(urlPathMatching("/tenant-1/oauth2/v2.0/token"))
            .withRequestBody(containing("grant_type=client_credentials"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"graph-token-1\"}")));
        GRAPH.stubFor(get(urlPathMatching(USER + "/mailFolders/inbox/messages/delta")).atPriority(5)
            .withHeader("Authorization", equalTo("Bearer graph-token-1"))
            .willReturn(json(page(List.of("msg-1", "msg-2", "msg-3"), false).put("@odata.nextLink",
                    base + "?$skiptoken=page-2"))));
        ObjectNode second = page(List.of("msg-4", "msg-5", "msg-6"), true).put("@odata.deltaLink",
                base + "?$deltatoken=delta-1");
        GRAPH.stubFor(get(urlPathMatching(USER + "/mailFolders/inbox/messages/delta")).atPriority(1)
            .withQueryParam("$skiptoken", equalTo("page-2"))
            .willReturn(json(second)));
        GRAPH.stubFor(get(urlPathMatching(USER + "/mailFolders/inbox/messages/delta")).atPriority(1)
            .withQueryParam("$deltatoken", equalTo("delta-1"))
            .willReturn(json(JSON.createObjectNode()
                .<ObjectNode>set("value", JSON.createArrayNode())
                .put("@odata.deltaLink", base + "?$deltatoken=delta-2"))));
        String token = tokens.sign(TokenKind.UNSUBSCRIBE, sent.campaignId(), sent.id(ELI), 0);
        mime("msg-1", sample("exchange-ndr.eml", "lux-c41-r977", ANN, ANN));
        mime("msg-2", sample("dsn-hard.eml", "lux-c41-r978", "Bob.Stone@fabrikam.example", BOB));
        mime("msg-3", sample("dsn-soft.eml", "lux-c41-r979", CLEO, CLEO));
        mime("msg-4", sample("oof-auto-submitted.eml", "lux-c41-r980", DANA, DANA));
        mime("msg-5",
                Samples.text("unsubscribe.eml")
                    .replace("UNSUBSCRIBE_TOKEN", token)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mime("msg-6", sample("human-reply.eml", "lux-c41-r982", FINN, FINN));
        GRAPH.stubFor(get(urlPathMatching(USER + "/mailFolders"))
            .withQueryParam("$filter", equalTo("displayName eq 'LUX processed'"))
            .willReturn(json(JSON.createObjectNode().set("value", JSON.createArrayNode()))));
        GRAPH.stubFor(post(urlPathMatching(USER + "/mailFolders"))
            .withRequestBody(equalToJson("{\"displayName\":\"LUX processed\"}"))
            .willReturn(json(JSON.createObjectNode().put("id", "folder-processed").put("displayName", "LUX processed"))
                .withStatus(201)));
        GRAPH.stubFor(post(urlPathMatching(USER + "/messages/msg-\\d/move"))
            .withRequestBody(equalToJson("{\"destinationId\":\"folder-processed\"}"))
            .willReturn(json(JSON.createObjectNode().put("id", "moved")).withStatus(201)));
    }

    @Test
    void readsEveryPageActsOnEachMessageFilesItAndCarriesOnFromTheDeltaLink() {
        assertThat(reading.readAll()).isEqualTo(6);

        assertThat(contacts.findByEmail(ANN).orElseThrow().status()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(contacts.findByEmail(BOB).orElseThrow().status()).isEqualTo(ContactStatus.BOUNCED);
        assertThat(contacts.findByEmail(CLEO).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(contacts.findByEmail(DANA).orElseThrow().status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(contacts.findByEmail(ELI).orElseThrow().status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(rollups()).containsEntry("bounce.hard", 2L)
            .containsEntry("bounce.soft", 1L)
            .containsEntry("autoreply", 1L)
            .containsEntry("reply", 1L)
            .containsEntry("unsubscribe", 1L);
        assertThat(stats.campaign(sent.campaignId()).deliverability()).as("stats tell delivered from accepted")
            .isEqualTo(new lux.stats.CampaignStats.Deliverability(6, 2, 1, 3, 1, 1, 0.5, 0.3333));
        assertThat(jdbc.queryForObject("SELECT web_link FROM inbound_message WHERE kind = 'REPLY'", String.class))
            .isEqualTo("https://outlook.office365.com/owa/?ItemID=msg-6&exvsurl=1&viewmodel=ReadMessageItem");
        for (int i = 1; i <= 6; i++) {
            assertThat(GRAPH.findAll(postRequestedFor(urlPathMatching(USER + "/messages/msg-" + i + "/move"))))
                .hasSize(1);
        }
        assertThat(GRAPH.findAll(postRequestedFor(urlPathMatching(USER + "/mailFolders")))).as("folder created once")
            .hasSize(1);
        assertThat(cursors.get("news@contoso.test"))
            .hasValueSatisfying(link -> assertThat(link).endsWith("$deltatoken=delta-1"));

        assertThat(reading.readAll()).as("nothing new since the delta link").isZero();
        assertThat(GRAPH.findAll(getRequestedFor(urlPathMatching(USER + "/mailFolders/inbox/messages/delta"))
            .withQueryParam("$deltatoken", equalTo("delta-1")))).hasSize(1);
        assertThat(cursors.get("news@contoso.test"))
            .hasValueSatisfying(link -> assertThat(link).endsWith("$deltatoken=delta-2"));
        assertThat(GRAPH.findAll(getRequestedFor(urlPathMatching(USER + "/messages/.*")))).as("each MIME fetched once")
            .hasSize(6);
    }

    @Test
    void twoInstancesReadingOneMailboxActOnEachMessageOnce() throws Exception {
        Map<String, Object> props = new HashMap<>(settings());
        props.put("spring.main.allow-bean-definition-overriding", "false");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CoreTestApplication.class,
                Doubles.class)
            .web(WebApplicationType.NONE)
            .initializers(new TestDatabase())
            .properties(props)
            .run()) {
            InboundReading otherReading = second.getBean(InboundReading.class);
            MailboxReader otherReader = second.getBean(MailboxReader.class);
            assertThat(otherReading).isNotSameAs(reading);

            // both under ShedLock, as scheduled: one reads the mailbox, the other finds
            // it locked or nothing new
            race(reading::readAll, otherReading::readAll);
            assertActedOnOnce();
            for (int i = 1; i <= 6; i++) {
                assertThat(GRAPH.findAll(postRequestedFor(urlPathMatching(USER + "/messages/msg-" + i + "/move"))))
                    .hasSize(1);
            }

            // and with the lock gone (held past lockAtMostFor): both read everything, the
            // database still acts once
            cursors.save("news@contoso.test", null);
            race(() -> readWithoutLock(reader), () -> readWithoutLock(otherReader));
            assertActedOnOnce();
        }
    }

    private void readWithoutLock(MailboxReader r) {
        try {
            r.read("news@contoso.test", processor.start("news@contoso.test"));
        }
        catch (Exception e) {
            // a reader that lost a race on H2's unique index gives up this reading; the
            // other one has the message
        }
    }

    private void assertActedOnOnce() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_message", Long.class)).isEqualTo(6);
        assertThat(rollups()).containsEntry("bounce.hard", 2L)
            .containsEntry("bounce.soft", 1L)
            .containsEntry("autoreply", 1L)
            .containsEntry("reply", 1L)
            .containsEntry("unsubscribe", 1L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM suppression", Long.class)).isEqualTo(3); // Ann,
                                                                                                      // Bob,
                                                                                                      // Eli
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'UNSUBSCRIBE'", Long.class))
            .isEqualTo(1);
    }

    /**
     * Own threads: the common pool has a single worker on a 2-core machine and would run
     * them one after the other.
     */
    private static void race(Runnable a, Runnable b) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                await(start);
                a.run();
            }, two);
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                await(start);
                b.run();
            }, two);
            start.countDown();
            CompletableFuture.allOf(first, second).get();
        }
        finally {
            two.shutdown();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> rollups() {
        Map<String, Long> m = new HashMap<>();
        jdbc.query("SELECT metric, total FROM tracking_rollup WHERE campaign_id = ?", rs -> {
            m.put(rs.getString(1), rs.getLong(2));
        }, sent.campaignId());
        return m;
    }

    private byte[] sample(String name, String sampleId, String sampleEmail, String email) {
        return Samples.aimedAt(name, sampleId, sampleEmail, sent.campaignId(), sent.id(email), email);
    }

    private static void mime(String id, byte[] mime) {
        GRAPH.stubFor(get(urlPathMatching(USER + "/messages/" + id + "/\\$value"))
            .withHeader("Authorization", equalTo("Bearer graph-token-1"))
            .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody(mime)));
    }

    /**
     * A delta page in Graph's shape; the second page also reports a message deleted since
     * the last round.
     */
    private static ObjectNode page(List<String> ids, boolean withRemoved) {
        ObjectNode page = JSON.createObjectNode();
        page.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Collection(message)");
        ArrayNode value = page.putArray("value");
        for (String id : ids) {
            value.addObject()
                .put("@odata.type", "#microsoft.graph.message")
                .put("@odata.etag", "W/\"CQAAABYAAAA" + id + "\"")
                .put("id", id)
                .put("receivedDateTime", "2026-11-30T09:14:03Z")
                .put("internetMessageId", "<" + id + "@outlook.test>")
                .put("webLink",
                        "https://outlook.office365.com/owa/?ItemID=" + id + "&exvsurl=1&viewmodel=ReadMessageItem");
        }
        if (withRemoved) {
            value.addObject().put("id", "msg-old").putObject("@removed").put("reason", "deleted");
        }
        return page;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(ObjectNode body) {
        return aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json;odata.metadata=minimal")
            .withBody(body.toString());
    }

}
