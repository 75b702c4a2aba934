package lux.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import lux.LuxApplication;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.FilterChainProxy;

/**
 * Every module brings its own security chain (bot, JSON API, public routes, health) and
 * the console's chain takes what none of them claimed. Over real HTTP, without a session
 * or a CSRF token: each module's routes answer as their module decides, and nothing
 * unclaimed is open.
 */
@DatabaseTest
@SpringBootTest(classes = LuxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false" })
class ModuleSecurityChainsTest {

    final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    FilterChainProxy security;

    @Test
    void eachModuleContributesItsOwnChainAndTheConsoleComesLast() {
        assertThat(security.getFilterChains()).hasSize(5);
        // the last chain matches any request: the console's
        assertThat(security.getFilterChains().get(4).toString()).contains("any request");
    }

    @Test
    void theBotsRoutesNeedNeitherSignInNorCsrf() throws Exception {
        HttpResponse<String> activity = send(HttpRequest.newBuilder(uri("/api/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
        // the bot itself answered (local mode, from loopback): the Activity has no type
        assertThat(activity.statusCode()).isEqualTo(400);
        assertThat(activity.body()).contains("The Activity has no type.");
        assertThat(send(HttpRequest.newBuilder(uri("/charts/0123456789abcdef0123456789abcdef.png"))).statusCode())
            .isEqualTo(404);
    }

    @Test
    void otherMethodsOnTheBotsPathsAreTheConsolesAndNeedSignIn() throws Exception {
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/api/messages")));
        assertThat(get.statusCode()).isEqualTo(302);
        assertThat(get.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
    }

    @Test
    void healthIsOpenAndOtherActuatorRoutesAreNot() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/liveness"))).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/env"))).statusCode()).isEqualTo(302);
    }

    @Test
    void theApiAnswersProblemsAndTheConsoleRedirects() throws Exception {
        HttpResponse<String> api = send(HttpRequest.newBuilder(uri("/api/v1/contacts")));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        HttpResponse<String> console = send(HttpRequest.newBuilder(uri("/admin")));
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login"));
    }

    @Test
    void publicRoutesAcceptAOneClickUnsubscribeWithoutCsrf() throws Exception {
        HttpResponse<String> unsubscribe = send(HttpRequest.newBuilder(uri("/u/not-a-real-token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        // refused by the unsubscribe route for its token, not by security (403) or a
        // sign-in redirect (302)
        assertThat(unsubscribe.statusCode()).isNotIn(302, 403).isBetween(400, 499);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
