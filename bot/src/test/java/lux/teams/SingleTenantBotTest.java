package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import lux.audit.Actor;
import lux.teams.identity.TokenHttpClient;
import lux.teams.testsupport.BotFrameworkDouble;
import lux.teams.testsupport.EntraTokenDouble;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A SingleTenant bot end to end, configured only by its settings: channel tokens signed
 * by the Bot Framework metadata double are accepted, and every reply to the Bot Connector
 * carries the token the tenant's {@code /{tenant}/oauth2/v2.0/token} (an HTTPS double)
 * issued to client_id = the app id for the Bot Framework scope. Forged, expired, foreign,
 * skill and Emulator tokens are refused with 401 and leave nothing behind.
 */
@DatabaseTest
@Import(SingleTenantBotTest.TrustTheTokenEndpoint.class)
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms" })
class SingleTenantBotTest {

    static final String APP_ID = "5b1e7a54-7d0c-4c55-9c8e-2f0c6f5e1a01";
    static final String TENANT = Activities.TENANT;
    static final String SECRET = "single-tenant-secret~V9x";
    static final String AAD = "00000000-0000-0000-0000-0000000000c1";

    /**
     * Tokens the Bot Framework Emulator and skills carry: issued by Entra ID's
     * botframework.com tenant.
     */
    static final String ENTRA_BOTFRAMEWORK_ISSUER = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    @AutoClose
    static final BotFrameworkDouble botFramework = new BotFrameworkDouble("msteams");

    @AutoClose
    static final EntraTokenDouble entra = new EntraTokenDouble().registerSecret(TENANT, APP_ID, SECRET);

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
    static void singleTenantBot(DynamicPropertyRegistry registry) {
        registry.add("MicrosoftAppId", () -> APP_ID);
        registry.add("MicrosoftAppPassword", () -> SECRET);
        registry.add("MicrosoftAppTenantId", () -> TENANT);
        registry.add("MicrosoftAppType", () -> "SingleTenant");
        // the connector double listens on plain http on loopback; listing it is the only
        // way LUX calls it
        registry.add("lux.teams.service-url-hosts", () -> "127.0.0.1");
        registry.add("lux.teams.openid-metadata-url", botFramework::metadataUrl);
        registry.add("lux.teams.login-endpoint", entra::loginEndpoint);
    }

    /**
     * The token endpoint's self-signed certificate is trusted, and nothing else;
     * production uses the JVM's trust store.
     */
    static class TrustTheTokenEndpoint {

        @Bean
        TokenHttpClient tokenHttpClient() {
            return new TokenHttpClient(HttpClient.newBuilder().sslContext(entra.tls().trustingContext()).build());
        }

    }

    @BeforeEach
    void cleanSlate() {
        DatabaseCleaner.clean(jdbc);
        long admin = users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system()).getId();
        users.linkTeamsIdentity(admin, AAD, Actor.system());
        connector.clear();
    }

    @Test
    void aChannelTokenIsAcceptedAndTheReplyCarriesTheTenantsToken() throws Exception {
        HttpResponse<String> response = post(botFramework.token(APP_ID, connector.serviceUrl()).bearer(),
                Activities.message(connector.serviceUrl(), "conv-st", AAD, "contacts add ana@example.com"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isEqualTo(1);
        FakeConnector.Call reply = connector.messages().get(0);
        assertThat(reply.text()).contains("Added 1 contact");
        List<EntraTokenDouble.TokenRequest> granted = entra.requests().stream().filter(r -> r.status() == 200).toList();
        assertThat(granted).isNotEmpty();
        EntraTokenDouble.TokenRequest request = granted.get(granted.size() - 1);
        assertThat(reply.authorization()).isEqualTo("Bearer " + request.issued());
        assertThat(request.tenant()).isEqualTo(TENANT);
        assertThat(request.form()).containsEntry("client_id", APP_ID)
            .containsEntry("grant_type", "client_credentials")
            .containsEntry("client_secret", SECRET);
        assertThat(request.form().get("scope").split(" ")).contains("https://api.botframework.com/.default");
    }

    @Test
    void theTokenIsReusedUntilShortlyBeforeItExpires() throws Exception {
        post(botFramework.token(APP_ID, connector.serviceUrl()).bearer(),
                Activities.message(connector.serviceUrl(), "conv-st", AAD, "help"));
        int requests = entra.requests().size();
        connector.clear();

        post(botFramework.token(APP_ID, connector.serviceUrl()).bearer(),
                Activities.message(connector.serviceUrl(), "conv-st", AAD, "contacts count"));

        assertThat(connector.messages()).isNotEmpty();
        assertThat(entra.requests()).hasSize(requests);
        assertThat(connector.messages()).allSatisfy(c -> assertThat(c.authorization())
            .isEqualTo("Bearer " + entra.issued().get(entra.issued().size() - 1)));
    }

    static Stream<Arguments> forgeries() {
        Function<String, BotFrameworkDouble.ChannelToken> valid = serviceUrl -> botFramework.token(APP_ID, serviceUrl);
        return Stream.of(
                Arguments.of("a token for another bot",
                        (Function<String, String>) s -> botFramework.token("another-bot", s).bearer()),
                Arguments.of("an expired token",
                        (Function<String, String>) s -> valid.apply(s)
                            .expiresAt(Instant.now().minusSeconds(3600))
                            .bearer()),
                Arguments.of("a token signed by a key the metadata does not publish",
                        (Function<String, String>) s -> valid.apply(s).signedByUnknownKey().bearer()),
                Arguments.of("a skill token from another bot, signed by the channel key",
                        (Function<String, String>) s -> valid.apply(s)
                            .fromSkill("11111111-2222-3333-4444-555555555555")
                            .bearer()),
                Arguments.of("a skill token as Entra ID issues them",
                        (Function<String, String>) s -> valid.apply(s)
                            .issuer(ENTRA_BOTFRAMEWORK_ISSUER)
                            .fromSkill("11111111-2222-3333-4444-555555555555")
                            .bearer()),
                Arguments.of("an Emulator token",
                        (Function<String, String>) s -> valid.apply(s)
                            .issuer(ENTRA_BOTFRAMEWORK_ISSUER)
                            .claim("ver", "1.0")
                            .claim("appid", APP_ID)
                            .bearer()),
                Arguments.of("a token from another issuer",
                        (Function<String, String>) s -> valid.apply(s).issuer("https://evil.example").bearer()),
                Arguments.of("a token for another serviceUrl",
                        (Function<String, String>) s -> botFramework
                            .token(APP_ID, "https://smba.trafficmanager.net/emea/")
                            .bearer()));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("forgeries")
    void forgedTokensAreRefusedAndNothingIsStored(String what, Function<String, String> authorization)
            throws Exception {
        HttpResponse<String> response = post(authorization.apply(connector.serviceUrl()),
                Activities.message(connector.serviceUrl(), "conv-evil", AAD, "contacts add mallory@evil.example"));

        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
        assertThat(connector.calls()).as("nothing was sent").isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM teams_conversation", Integer.class)).isZero();
    }

    private HttpResponse<String> post(String authorization, ObjectNode activity) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(activity.toString()))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
