package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.RecipientStatus;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.delivery.DeliveryEvent;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.event.ApplicationEvents;

/**
 * Graph delivery against a TLS loopback double of the Entra ID token endpoint and Graph
 * sendMail, speaking the real wire format: form-encoded client-credentials token request,
 * bearer token, then the message in the format under test (subclasses:
 * {@link GraphMimeDeliveryTest} base64 MIME, {@link GraphJsonDeliveryTest} JSON). The
 * double answers only requests whose body is well formed for that format, so every test
 * checks the wire format.
 */
abstract class GraphDeliveryTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    static final String SEND = "/v1\\.0/users/(news|denied)(@|%40)contoso\\.test/sendMail";

    /**
     * Imported, not scanned (no annotation): CoreTestApplication's component scan would
     * add it to every context.
     */
    static class Doubles {

        @Bean
        @org.springframework.context.annotation.Primary
        MutableClock graphTestClock() {
            return CLOCK;
        }

        /**
         * Trusts the double's self-signed certificate; production uses the JDK's trust
         * store.
         */
        @Bean
        GraphTransport.GraphHttpClient graphHttpClient() throws Exception {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { new TrustEverything() }, new SecureRandom());
            return new GraphTransport.GraphHttpClient(HttpClient.newBuilder().sslContext(tls).build());
        }

    }

    /** The settings every Graph test context shares, pointing LUX at {@code graph}. */
    static void graphSettings(DynamicPropertyRegistry registry, WireMockServer graph, String format) {
        registry.add("lux.mail.transport", () -> "graph");
        registry.add("lux.graph.tenant-id", () -> "tenant-1");
        registry.add("lux.graph.client-id", () -> "client-1");
        registry.add("lux.graph.client-secret", () -> "secret-1");
        registry.add("lux.graph.sender", () -> "news@contoso.test");
        // a second allowed mailbox (not the Graph default, so only an admin, here the
        // system, may name it)
        registry.add("lux.mail.default-sender", () -> "denied@contoso.test");
        registry.add("lux.graph.authority", () -> "https://localhost:" + graph.httpsPort());
        registry.add("lux.graph.base-url", () -> "https://localhost:" + graph.httpsPort() + "/v1.0");
        registry.add("lux.graph.send-format", () -> format);
        registry.add("lux.graph.timeout", () -> "5s"); // room for a loaded CI machine
        registry.add("lux.delivery.enabled", () -> "false");
        registry.add("lux.delivery.max-attempts", () -> "2");
    }

    /**
     * This class's Graph double (one per subclass, started in its static initialiser).
     */
    abstract WireMockServer graph();

    /**
     * Narrows {@code request} to a well-formed sendMail in the format under test, to
     * {@code address} (null: anyone).
     */
    abstract MappingBuilder wellFormed(MappingBuilder request, String address);

    private MappingBuilder sendTo(String address) {
        return wellFormed(post(urlPathMatching(SEND)).withHeader("Authorization", equalTo("Bearer graph-token-1")),
                address);
    }

    /**
     * Checks what the format under test promises for every request the double received.
     */
    abstract void checkWireFormat(List<LoggedRequest> requests) throws Exception;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    @org.springframework.beans.factory.annotation.Value("${lux.delivery.resend-unknown:false}")
    boolean resendUnknown;

    @BeforeEach
    void stubs() {
        WireMockServer wire = graph();
        DatabaseCleaner.clean(jdbc);
        wire.resetAll();
        wire.stubFor(post(urlPathMatching("/tenant-1/oauth2/v2.0/token"))
            .withRequestBody(containing("grant_type=client_credentials"))
            .withRequestBody(containing("client_id=client-1"))
            .withRequestBody(containing("client_secret=secret-1"))
            .willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"graph-token-1\"}")));
        stubSend("ok@example.net", aResponse().withStatus(202).withHeader("request-id", "req-ok"));
        stubSend("invalid@example.net", aResponse().withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withBody(
                    "{\"error\":{\"code\":\"ErrorInvalidRecipients\",\"message\":\"At least one recipient is not valid.\"}}"));
        stubSend("flaky@example.net", aResponse().withStatus(500)
            .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}"));
        wire.stubFor(sendTo("throttled@example.net").inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7")
                .withBody("{\"error\":{\"code\":\"ApplicationThrottled\",\"message\":\"Too many requests\"}}"))
            .willSetStateTo("calm"));
        wire.stubFor(sendTo("throttled@example.net").inScenario("throttle")
            .whenScenarioStateIs("calm")
            .willReturn(aResponse().withStatus(202)));
        wire.stubFor(wellFormed(post(urlPathMatching("/v1\\.0/users/denied(@|%40)contoso\\.test/sendMail"))
            .withHeader("Authorization", equalTo("Bearer graph-token-1")), null)
            .willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"error\":{\"code\":\"ErrorAccessDenied\",\"message\":\"Access is denied. Check credentials and try again.\"}}")));
    }

    private void stubSend(String address, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        graph().stubFor(sendTo(address).willReturn(response));
    }

    @Test
    void sendsThroughGraphHonouringRetryAfterBackoffAndPermanentErrors() throws Exception {
        WireMockServer wire = graph();
        for (String address : List.of("ok@example.net", "invalid@example.net", "flaky@example.net",
                "throttled@example.net")) {
            contacts.create(new NewContact(address, "Ann", null, null, Map.of(), java.util.Set.of("g"), "test"),
                    Actor.system());
        }
        long template = templates
            .create(new TemplateContent("g", "Hello {{ contact.first_name }}",
                    "<p>Hi <a href=\"https://example.com/x\">x</a></p>", null), Actor.system())
            .id();
        CampaignView campaign = campaigns.schedule(
                campaigns
                    .create(new lux.campaigns.NewCampaign("Graph run", template, null,
                            lux.contacts.AudienceFilter.anyOf("g")), Actor.system())
                    .id(),
                null, null, Actor.system());

        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        Map<String, Object> throttled = row("throttled@example.net");
        assertThat(throttled.get("status")).isEqualTo("PENDING");
        assertThat(jdbc
            .queryForObject("SELECT next_attempt_at FROM campaign_recipient WHERE email = ?", java.sql.Timestamp.class,
                    "throttled@example.net")
            .toInstant()).isEqualTo(CLOCK.instant().plusSeconds(7));
        assertThat(row("invalid@example.net").get("status")).isEqualTo("FAILED");
        assertThat((String) row("invalid@example.net").get("last_error")).contains("ErrorInvalidRecipients")
            .contains("At least one recipient is not valid");

        for (int i = 0; i < 4 && campaigns.get(campaign.id()).status() == CampaignStatus.SENDING; i++) {
            CLOCK.advance(Duration.ofSeconds(30));
            engine.work(Duration.ofSeconds(20));
        }

        assertThat(row("ok@example.net").get("status")).isEqualTo("SENT");
        assertThat(row("ok@example.net").get("provider_message_id")).isEqualTo("req-ok");
        assertThat(row("throttled@example.net").get("status")).isEqualTo("SENT");
        assertThat(row("flaky@example.net").get("status")).isEqualTo("FAILED");
        assertThat((String) row("flaky@example.net").get("last_error")).startsWith("gave up after 2 attempts")
            .contains("500");
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
        assertThat(wire.findAll(postRequestedFor(urlPathMatching(SEND)))).hasSize(6); // ok,
                                                                                      // invalid,
                                                                                      // 2x
                                                                                      // flaky,
                                                                                      // 2x
                                                                                      // throttled
        // one token for all six sends (none at all if the other test of this context
        // already fetched it)
        assertThat(wire.findAll(postRequestedFor(urlPathMatching("/tenant-1/oauth2/v2.0/token"))))
            .hasSizeLessThanOrEqualTo(1);
        assertThat(wire.findAllUnmatchedRequests()).isEmpty();

        checkWireFormat(wire.findAll(postRequestedFor(urlPathMatching(SEND))));
    }

    @Test
    void noAnswerFromGraphIsAnUnknownOutcomeResentOnlyWhenConfigured() {
        WireMockServer wire = graph();
        // the first answer comes after lux.graph.timeout (Graph may well have sent that
        // mail), the next at once
        wire.stubFor(sendTo("slow@example.net").inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(202).withFixedDelay(8_000))
            .willSetStateTo("quick"));
        wire.stubFor(sendTo("slow@example.net").inScenario("slow")
            .whenScenarioStateIs("quick")
            .willReturn(aResponse().withStatus(202).withHeader("request-id", "req-second")));
        contacts.create(new NewContact("slow@example.net", null, null, null, Map.of(), java.util.Set.of("s"), "t"),
                Actor.system());
        long template = templates.create(new TemplateContent("s", "Hi", "<p>Hi</p>", null), Actor.system()).id();
        CampaignView campaign = campaigns.schedule(
                campaigns
                    .create(new lux.campaigns.NewCampaign("Slow", template, null,
                            lux.contacts.AudienceFilter.anyOf("s")), Actor.system())
                    .id(),
                null, null, Actor.system());

        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        for (int i = 0; i < 3 && campaigns.get(campaign.id()).status() == CampaignStatus.SENDING; i++) {
            CLOCK.advance(Duration.ofSeconds(30));
            engine.work(Duration.ofSeconds(20));
        }

        if (resendUnknown) {
            // lux.delivery.resend-unknown=true: sent again (the recipient may now have it
            // twice, as the setting says)
            assertThat(row("slow@example.net").get("status")).isEqualTo("SENT");
            assertThat(row("slow@example.net").get("provider_message_id")).isEqualTo("req-second");
            assertThat(wire.findAll(postRequestedFor(urlPathMatching(SEND)))).hasSize(2);
            assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.SENT);
            return;
        }
        // the default: failed as unknown and never sent again, as after a crash mid-send
        assertThat(row("slow@example.net").get("status")).isEqualTo("FAILED");
        assertThat((String) row("slow@example.net").get("last_error"))
            .startsWith("unknown outcome: no answer from Graph")
            .contains("HttpTimeoutException")
            .contains("not resent so nobody gets it twice");
        assertThat(wire.findAll(postRequestedFor(urlPathMatching(SEND)))).hasSize(1);
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.FAILED);
    }

    @Test
    void forbiddenPausesTheCampaignOnceAndFailsNobody() {
        for (int i = 0; i < 6; i++) {
            contacts.create(
                    new NewContact("d" + i + "@example.net", null, null, null, Map.of(), java.util.Set.of("d"), "t"),
                    Actor.system());
        }
        long template = templates.create(new TemplateContent("d", "Hi", "<p>Hi</p>", null), Actor.system()).id();
        CampaignView campaign = campaigns.schedule(
                campaigns
                    .create(new lux.campaigns.NewCampaign("Denied", template, "denied@contoso.test",
                            lux.contacts.AudienceFilter.anyOf("d")), Actor.system())
                    .id(),
                null, null, Actor.system());

        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        engine.work(Duration.ofSeconds(5));

        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(events.stream(DeliveryEvent.Paused.class)).singleElement()
            .satisfies(p -> assertThat(p.reason()).contains("403").contains("Mail.Send"));
        Map<RecipientStatus, Long> counts = campaigns.recipientCounts(campaign.id());
        assertThat(counts).containsEntry(RecipientStatus.PENDING, 6L).containsEntry(RecipientStatus.FAILED, 0L);
        assertThat(jdbc.queryForList("SELECT attempts FROM campaign_recipient WHERE campaign_id = ?", Integer.class,
                campaign.id()))
            .as("attempts (errors: %s)", jdbc.queryForList(
                    "SELECT last_error FROM campaign_recipient WHERE campaign_id = ?", String.class, campaign.id()))
            .containsOnly(0);
        assertThat(graph().findAll(postRequestedFor(urlPathMatching(SEND)))).isNotEmpty();
        assertThat(graph().findAllUnmatchedRequests()).as("every request well formed for the format under test")
            .isEmpty();
    }

    static final class TrustEverything extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

    }

    private Map<String, Object> row(String email) {
        return jdbc.queryForMap(
                "SELECT status, last_error, next_attempt_at, provider_message_id FROM campaign_recipient WHERE email = ?",
                email);
    }

}
