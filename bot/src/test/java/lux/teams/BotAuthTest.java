package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import lux.teams.testsupport.BotFrameworkDouble;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an app id set every request needs a valid channel token (issuer, audience, signing
 * key, serviceUrl claim): anything else is 401, never 500. Tokens are signed with the
 * test's own key pair served from a loopback OpenID metadata endpoint.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lux.delivery.enabled=false")
class BotAuthTest {

    static final String APP_ID = "6f1f3e0a-1111-4222-8333-944455556666";
    static final String SERVICE_URL = "https://smba.trafficmanager.net/emea/";

    // endorsed for the Emulator too, so a non-Teams channel reaches the channel check
    // instead of failing the key
    static final BotFrameworkDouble openId = new BotFrameworkDouble("msteams", "emulator");
    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void teamsMode(DynamicPropertyRegistry registry) {
        registry.add("MicrosoftAppId", () -> APP_ID);
        registry.add("MicrosoftAppPassword", () -> "test-secret-not-used");
        registry.add("MicrosoftAppTenantId", () -> Activities.TENANT);
        registry.add("lux.teams.openid-metadata-url", openId::metadataUrl);
    }

    @AfterAll
    static void stop() {
        openId.close();
    }

    @Test
    void noTokenIs401() throws Exception {
        assertThat(post(null, activity()).statusCode()).isEqualTo(401);
    }

    @Test
    void malformedHeadersAre401() throws Exception {
        assertThat(post("Bearer not-a-jwt", activity()).statusCode()).isEqualTo(401);
        assertThat(post("Basic dXNlcjpwYXNz", activity()).statusCode()).isEqualTo(401);
        assertThat(post("Bearer", activity()).statusCode()).isEqualTo(401);
    }

    @Test
    void badSignatureIs401() throws Exception {
        assertThat(post("Bearer " + openId.token(APP_ID, SERVICE_URL).signedByUnknownKey().sign(), activity())
            .statusCode()).isEqualTo(401);
    }

    @Test
    void wrongAudienceIs401() throws Exception {
        assertThat(post("Bearer " + openId.token("someone-elses-bot", SERVICE_URL).sign(), activity()).statusCode())
            .isEqualTo(401);
    }

    @Test
    void wrongIssuerIs401() throws Exception {
        assertThat(post("Bearer " + openId.token(APP_ID, SERVICE_URL).issuer("https://evil.example").sign(), activity())
            .statusCode()).isEqualTo(401);
    }

    @Test
    void serviceUrlMustMatchTheTokensClaim() throws Exception {
        assertThat(post("Bearer " + openId.token(APP_ID, "https://other.example/").sign(), activity()).statusCode())
            .isEqualTo(401);
    }

    @Test
    void aValidChannelTokenIsAccepted() throws Exception {
        HttpResponse<String> response = post("Bearer " + openId.token(APP_ID, SERVICE_URL).sign(), activity());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /**
     * A conversation update that adds only the bot: LUX answers nothing, so no outgoing
     * call is needed.
     */
    private static ObjectNode activity() {
        ObjectNode a = Activities.message(SERVICE_URL, "conv-auth", "00000000-0000-0000-0000-0000000000bb", null);
        a.put("type", "conversationUpdate");
        a.putArray("membersAdded").addObject().put("id", "28:lux-bot");
        return a;
    }

    private HttpResponse<String> post(String authorization, ObjectNode activity) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(activity.toString()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
