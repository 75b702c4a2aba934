package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.TestSendRequest;
import lux.delivery.TestSendResult;
import lux.delivery.TestSendService;
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
 * A test send through the Graph transport, against the TLS loopback doubles of Entra ID
 * and sendMail: the MIME message Graph receives has the [Test] subject and untracked
 * links, and nothing is recorded for the campaign.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class,
        properties = { "lux.public-base-url=https://lux.example.com",
                "lux.mail.postal-address=Contoso Ltd, 1 Main St, Seattle" })
@Import(GraphDeliveryTest.Doubles.class)
class TestSendGraphTest {

    static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort().dynamicHttpsPort());

    static {
        GRAPH.start();
    }

    @DynamicPropertySource
    static void graph(DynamicPropertyRegistry registry) {
        GraphDeliveryTest.graphSettings(registry, GRAPH, "mime");
        registry.add("lux.graph.timeout", () -> "30s"); // one attempt only: the first TLS
                                                        // handshake may be slow on a busy
                                                        // machine
    }

    @AfterAll
    static void stop() {
        GRAPH.stop();
    }

    @Autowired
    TestSendService tests;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void stubs() {
        DatabaseCleaner.clean(jdbc);
        GRAPH.resetAll();
        GRAPH.stubFor(post(urlPathMatching("/tenant-1/oauth2/v2.0/token"))
            .withRequestBody(containing("grant_type=client_credentials"))
            .willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"graph-token-1\"}")));
        GRAPH.stubFor(post(urlPathMatching(GraphDeliveryTest.SEND))
            .withHeader("Authorization", equalTo("Bearer graph-token-1"))
            .willReturn(aResponse().withStatus(202).withHeader("request-id", "req-test")));
    }

    @Test
    void theTestReachesGraphWithATestSubjectAndRealLinksAndTheCampaignRecordsNothing() throws Exception {
        contacts.create(new NewContact("ann@example.net", "Ann", null, null, Map.of(), Set.of("news"), "test"),
                Actor.system());
        long template = templates
            .create(new TemplateContent("g", "Hello {{ contact.first_name }}",
                    "<p>Hi <a href=\"https://shop.example.com/sale\">see the sale</a></p>", null), Actor.system())
            .id();
        CampaignView campaign = campaigns.create(new NewCampaign("Sale", template, null, AudienceFilter.anyOf("news")),
                Actor.system());

        TestSendResult result = tests.sendCampaign(campaign.id(),
                new TestSendRequest(List.of("mia@contoso.test", "leo@contoso.test"), "ann@example.net"),
                Actor.system());

        assertThat(result.failed()).isEmpty();
        assertThat(result.transport()).isEqualTo("graph");
        assertThat(result.sentTo()).containsExactly("mia@contoso.test", "leo@contoso.test");
        List<LoggedRequest> sends = GRAPH.findAll(postRequestedFor(urlPathMatching(GraphDeliveryTest.SEND)));
        assertThat(sends).hasSize(2);
        for (LoggedRequest request : sends) {
            assertThat(request.getUrl()).startsWith("/v1.0/users/news%40contoso.test/sendMail");
            MimeMessage m = GraphMimeDeliveryTest.decode(request.getBodyAsString());
            assertThat(m.getSubject()).isEqualTo("[Test] Hello Ann");
            assertThat(m.getHeader("X-LUX-Test")).containsExactly("true");
            assertThat(m.getHeader("List-Unsubscribe")).isNull();
            String html = (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
            assertThat(html).contains("href=\"https://shop.example.com/sale\"", "Contoso Ltd, 1 Main St, Seattle")
                .doesNotContain("lux.example.com");
        }
        assertThat(sends).extracting(r -> {
            try {
                return ((InternetAddress) GraphMimeDeliveryTest.decode(r.getBodyAsString())
                    .getRecipients(Message.RecipientType.TO)[0]).getAddress();
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).containsExactly("mia@contoso.test", "leo@contoso.test");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_link", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mailbox_hour", Long.class)).isZero();
        assertThat(campaigns.get(campaign.id()).updatedAt()).isEqualTo(campaign.updatedAt());
    }

}
