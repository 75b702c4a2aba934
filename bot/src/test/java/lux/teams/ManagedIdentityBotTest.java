package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import lux.audit.Actor;
import lux.teams.testsupport.BotFrameworkDouble;
import lux.teams.testsupport.ManagedIdentityDouble;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A UserAssignedMSI bot end to end: no secret at all; MicrosoftAppId is the managed
 * identity's client id, and the reply to the Bot Connector carries the token the managed
 * identity endpoint (a double speaking IMDS) issued for that client id and the Bot
 * Framework resource. Inbound validation is the same as for the other types.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms" })
class ManagedIdentityBotTest {

    static final String CLIENT_ID = "3c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f";
    static final String TENANT = Activities.TENANT;
    static final String AAD = "00000000-0000-0000-0000-0000000000d1";

    @AutoClose
    static final BotFrameworkDouble botFramework = new BotFrameworkDouble("msteams");

    @AutoClose
    static final ManagedIdentityDouble identityEndpoint = new ManagedIdentityDouble(CLIENT_ID);

    @AutoClose
    static final FakeConnector connector = FakeConnector.start();
    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @DynamicPropertySource
    static void managedIdentityBot(DynamicPropertyRegistry registry) {
        registry.add("MicrosoftAppId", () -> CLIENT_ID);
        registry.add("MicrosoftAppPassword", () -> "");
        registry.add("MicrosoftAppTenantId", () -> TENANT);
        registry.add("MicrosoftAppType", () -> "UserAssignedMSI");
        // the connector double listens on plain http on loopback; listing it is the only
        // way LUX calls it
        registry.add("lux.teams.service-url-hosts", () -> "127.0.0.1");
        registry.add("lux.teams.openid-metadata-url", botFramework::metadataUrl);
        registry.add("lux.teams.managed-identity-endpoint", identityEndpoint::imdsEndpoint);
    }

    @Test
    void theReplyCarriesTheManagedIdentitysToken() throws Exception {
        DatabaseCleaner.clean(jdbc);
        long admin = users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system()).getId();
        users.linkTeamsIdentity(admin, AAD, Actor.system());
        connector.clear();

        HttpResponse<String> response = post(botFramework.token(CLIENT_ID, connector.serviceUrl()).bearer());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        FakeConnector.Call reply = connector.messages().get(0);
        assertThat(reply.text()).contains("Added 1 contact");
        ManagedIdentityDouble.Request request = identityEndpoint.requests().get(identityEndpoint.requests().size() - 1);
        assertThat(reply.authorization()).isEqualTo("Bearer " + request.issued());
        assertThat(request.query()).containsEntry("client_id", CLIENT_ID)
            .containsEntry("resource", "https://api.botframework.com");

        connector.clear();
        int before = identityEndpoint.requests().size();
        HttpResponse<String> refused = post(botFramework.token("another-bot", connector.serviceUrl()).bearer());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(connector.calls()).isEmpty();
        assertThat(identityEndpoint.requests()).hasSize(before);
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers
                .ofString(Activities.message(connector.serviceUrl(), "conv-msi", AAD, "contacts add ana@example.com")
                    .toString()))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
