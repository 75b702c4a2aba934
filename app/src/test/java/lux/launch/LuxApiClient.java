package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON API of a running LUX as an integrator uses it: the admin signs in to the
 * console once, creates an API token there (POST /api/v1/tokens in their session), and
 * every later call carries only that token.
 */
final class LuxApiClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    private final String token;

    private LuxApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    static LuxApiClient signIn(String base, String email, String password) throws Exception {
        HttpClient session = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
        String loginPage = session
            .send(HttpRequest.newBuilder(URI.create(base + "/admin/login")).build(),
                    HttpResponse.BodyHandlers.ofString())
            .body();
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(base + "/admin/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers
                .ofString(form(Map.of("username", email, "password", password, "_csrf", csrf(loginPage)))))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location")).as("signed in").hasValueSatisfying(l -> {
            assertThat(l).doesNotContain("error");
        });
        // the session's CSRF token changes at sign-in: read it from a page of the session
        String page = session
            .send(HttpRequest.newBuilder(URI.create(base + "/admin/tokens")).build(),
                    HttpResponse.BodyHandlers.ofString())
            .body();
        HttpResponse<String> created = session.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
            .header("Content-Type", "application/json")
            .header("X-CSRF-TOKEN", csrf(page))
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"packaged sign-up test\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new LuxApiClient(base, JSON.readTree(created.body()).get("secret").asText());
    }

    JsonNode get(String path) throws Exception {
        return call("GET", path, null, 200);
    }

    JsonNode post(String path, Object body, int expectedStatus) throws Exception {
        return call("POST", path, body, expectedStatus);
    }

    JsonNode put(String path, Object body) throws Exception {
        return call("PUT", path, body, 200);
    }

    private JsonNode call(String method, String path, Object body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet()
            .stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    private static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

}
