package lux.delivery.graph;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.modulith.NamedInterface;

/**
 * MSAL's token requests over java.net.http (the JVM's TLS trust and proxy settings, a
 * timeout of our choosing). Graph's credentials and the bot's own identity
 * (lux.teams.identity) share it.
 */
@NamedInterface("msal-http") // the one type of the Graph transport another module (the
                             // bot's identity) may use
public final class JdkMsalHttpClient implements IHttpClient {

    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("content-length", "host", "connection",
            "expect", "upgrade");

    private final HttpClient http;

    private final Duration timeout;

    public JdkMsalHttpClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url().toString()))
            .timeout(timeout);
        if (request.headers() != null) {
            request.headers().forEach((k, v) -> {
                if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                    b.header(k, v);
                }
            });
        }
        b.method(request.httpMethod().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = response.headers().map();
        int status = response.statusCode();
        String body = response.body();
        return new IHttpResponse() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public Map<String, List<String>> headers() {
                return headers;
            }

            @Override
            public String body() {
                return body;
            }
        };
    }

}
