package lux.teams.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A managed identity endpoint named in {@code lux.teams.managed-identity-endpoint},
 * spoken to with the Azure Instance Metadata Service protocol
 * ({@code GET ?api-version=2018-02-01&resource=&client_id=}, header
 * {@code Metadata: true}). MSAL4J only takes its endpoint from environment variables, so
 * a configured one (a sidecar, a test double) is called directly.
 */
final class ImdsTokenSource implements TokenSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    private final URI request;

    private final Duration timeout;

    private final Clock clock;

    ImdsTokenSource(String endpoint, String clientId, String resource, HttpClient http, Duration timeout, Clock clock) {
        String base = endpoint.strip();
        this.request = URI.create(base + (base.contains("?") ? "&" : "?") + "api-version=2018-02-01&resource="
                + URLEncoder.encode(resource, StandardCharsets.UTF_8) + "&client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8));
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public AccessToken fetch() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(request).timeout(timeout).header("Metadata", "true").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            Duration retryAfter = response.headers()
                .firstValue("Retry-After")
                .map(ImdsTokenSource::seconds)
                .orElse(null);
            throw new TokenEndpointException("the managed identity endpoint answered " + response.statusCode() + ": "
                    + abbreviate(response.body()), response.statusCode(), retryAfter);
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("access_token").asText("");
        if (token.isBlank()) {
            throw new TokenEndpointException("the managed identity endpoint answered without an access_token", 502,
                    null);
        }
        return new AccessToken(token, expiry(body));
    }

    /**
     * IMDS writes expires_on as epoch seconds in a string; expires_in is the fallback.
     */
    private Instant expiry(JsonNode body) {
        String on = body.path("expires_on").asText("");
        if (on.matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(on));
        }
        String in = body.path("expires_in").asText("");
        return clock.instant().plusSeconds(in.matches("\\d+") ? Long.parseLong(in) : 300);
    }

    private static Duration seconds(String value) {
        return value.strip().matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(value.strip())) : null;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @Override
    public String describe() {
        return "managed identity endpoint " + request.getScheme() + "://" + request.getAuthority() + request.getPath();
    }

}
