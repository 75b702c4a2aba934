package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.gdpr.GdprService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person erased while their campaign is sending is never mailed, whether their
 * recipient row was still waiting or already claimed by a worker: the check sits right
 * before the transport (here Graph sendMail, a loopback double speaking Graph's wire
 * format), and the row ends skipped because the address was erased.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.delivery.worker-threads=1", "lux.delivery.batch-size=10", "lux.delivery.parallel-batches=1",
                "lux.delivery.limits.enabled=false" })
@Import(GraphDeliveryTest.Doubles.class)
class ErasureWhileSendingTest {

    static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
    static final Actor DPO = new Actor(null, "dpo@lux.test", lux.audit.Channel.CONSOLE);

    static {
        GRAPH.start();
    }

    @DynamicPropertySource
    static void graph(DynamicPropertyRegistry registry) {
        GraphDeliveryTest.graphSettings(registry, GRAPH, "json");
        registry.add("lux.graph.timeout", () -> "10s");
    }

    @AfterAll
    static void stop() {
        GRAPH.stop();
    }

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    GdprService gdpr;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        GRAPH.resetAll();
        GRAPH.stubFor(post(urlPathMatching("/tenant-1/oauth2/v2.0/token"))
            .withRequestBody(containing("grant_type=client_credentials"))
            .willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"graph-token-1\"}")));
        for (String address : List.of("ann@example.net", "ada@example.net")) {
            contacts.create(new NewContact(address, "Someone", null, null, Map.of(), Set.of("news"), "test"),
                    Actor.system());
        }
    }

    private void answer(String address, int delayMillis) {
        GRAPH.stubFor(post(urlPathMatching(GraphDeliveryTest.SEND))
            .withHeader("Authorization", equalTo("Bearer graph-token-1"))
            .withRequestBody(matchingJsonPath("$.message.toRecipients[0].emailAddress.address", equalTo(address)))
            .willReturn(aResponse().withStatus(202).withFixedDelay(delayMillis)));
    }

    private CampaignView startCampaign() {
        long template = templates
            .create(new TemplateContent("t", "Hi", "<p>Hi {{ contact.first_name }}</p>", null), Actor.system())
            .id();
        CampaignView c = campaigns.schedule(
                campaigns.create(new NewCampaign("News", template, null, AudienceFilter.anyOf("news")), Actor.system())
                    .id(),
                null, null, Actor.system());
        engine.startDueCampaigns(); // recipients materialised now
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient WHERE campaign_id = ?", Integer.class,
                c.id()))
            .isEqualTo(2);
        return c;
    }

    @Test
    void aWaitingRecipientErasedBeforeTheWorkerRunsIsNotMailed() {
        answer("ann@example.net", 0);
        answer("ada@example.net", 0);
        CampaignView c = startCampaign();
        long ada = jdbc.queryForObject("SELECT id FROM campaign_recipient WHERE email = 'ada@example.net'", Long.class);

        gdpr.erase("Ada@Example.net", DPO);
        engine.work(Duration.ofSeconds(20));

        assertThat(sentTo()).containsExactly("ann@example.net");
        assertThat(jdbc.queryForMap("SELECT status, last_error FROM campaign_recipient WHERE id = ?", ada))
            .containsEntry("status", "SKIPPED")
            .containsEntry("last_error", "address erased on request");
        assertThat(campaigns.get(c.id()).status()).isEqualTo(CampaignStatus.SENT);
    }

    @Test
    void aRecipientErasedAfterTheWorkerClaimedItIsNotMailed() throws Exception {
        CampaignView c = startCampaign();
        // the worker sends in id order on its one thread: the first mail is held in
        // flight while the second person is erased
        List<Map<String, Object>> rows = jdbc
            .queryForList("SELECT id, email FROM campaign_recipient WHERE campaign_id = ? ORDER BY id", c.id());
        String first = (String) rows.get(0).get("email");
        String second = (String) rows.get(1).get("email");
        long secondId = ((Number) rows.get(1).get("id")).longValue();
        answer(first, 2_000);
        answer(second, 0);

        CompletableFuture<Boolean> batch = CompletableFuture.supplyAsync(() -> engine.runBatch(c.id()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (GRAPH.findAll(postRequestedFor(urlPathMatching(GraphDeliveryTest.SEND))).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(jdbc.queryForObject("SELECT status FROM campaign_recipient WHERE id = ?", String.class, secondId))
            .as("claimed by the worker, about to be sent")
            .isEqualTo("SENDING");
        gdpr.erase(second, DPO);
        assertThat(batch.get(30, TimeUnit.SECONDS)).isTrue();
        engine.work(Duration.ofSeconds(5));

        assertThat(sentTo()).containsExactly(first);
        assertThat(GRAPH.findAll(postRequestedFor(urlPathMatching(GraphDeliveryTest.SEND)))
            .stream()
            .map(LoggedRequest::getBodyAsString)).noneMatch(body -> body.contains(second));
        assertThat(jdbc.queryForMap("SELECT status, last_error, email FROM campaign_recipient WHERE id = ?", secondId))
            .containsEntry("status", "SKIPPED")
            .containsEntry("last_error", "address erased on request")
            .containsEntry("email", "erased-" + secondId + "@invalid");
        assertThat(campaigns.get(c.id()).status()).isEqualTo(CampaignStatus.SENT);
    }

    private List<String> sentTo() {
        return GRAPH.findAll(postRequestedFor(urlPathMatching(GraphDeliveryTest.SEND))).stream().map(r -> {
            try {
                return new ObjectMapper().readTree(r.getBodyAsString())
                    .at("/message/toRecipients/0/emailAddress/address")
                    .asText();
            }
            catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

}
