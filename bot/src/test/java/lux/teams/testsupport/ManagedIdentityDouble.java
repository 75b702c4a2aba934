package lux.teams.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A managed identity endpoint on loopback, speaking both wire protocols Azure offers: the
 * Instance Metadata Service
 * ({@code GET /metadata/identity/oauth2/token?api-version=2018-02-01}, header
 * {@code Metadata: true}) and App Service / Container Apps
 * ({@code GET /msi/token?api-version=2019-08-01}, header {@code X-IDENTITY-HEADER}, what
 * MSAL4J calls when IDENTITY_ENDPOINT and IDENTITY_HEADER are set). Only the registered
 * client id gets a token.
 */
public final class ManagedIdentityDouble implements AutoCloseable {

    /** A request as received; the token issued for it (null when refused). */
    public record Request(String path, Map<String, String> query, Map<String, String> headers, int status,
            String issued) {
    }

    public static final String IDENTITY_HEADER = "lux-test-identity-header";

    private final HttpServer server;

    private final String clientId;

    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();

    private final AtomicInteger serial = new AtomicInteger();

    /**
     * @param clientId the user-assigned identity's client id this host has
     */
    public ManagedIdentityDouble(String clientId) {
        this.clientId = clientId;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** For {@code lux.teams.managed-identity-endpoint}. */
    public String imdsEndpoint() {
        return base() + "/metadata/identity/oauth2/token";
    }

    /**
     * For the IDENTITY_ENDPOINT environment variable (with IDENTITY_HEADER =
     * {@link #IDENTITY_HEADER}).
     */
    public String appServiceEndpoint() {
        return base() + "/msi/token";
    }

    public void failNext(int... statuses) {
        for (int s : statuses) {
            failures.add(s);
        }
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<String> issued() {
        return requests().stream().map(Request::issued).filter(java.util.Objects::nonNull).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
            .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        String refusal;
        if (path.equals("/metadata/identity/oauth2/token")) {
            refusal = !"true".equals(headers.get("metadata")) ? "Required metadata header not specified"
                    : !"2018-02-01".equals(query.get("api-version")) ? "unsupported api-version" : null;
        }
        else if (path.equals("/msi/token")) {
            refusal = !IDENTITY_HEADER.equals(headers.get("x-identity-header")) ? "missing or wrong X-IDENTITY-HEADER"
                    : !"2019-08-01".equals(query.get("api-version")) ? "unsupported api-version" : null;
        }
        else {
            requests.add(new Request(path, query, headers, 404, null));
            send(exchange, 404, "{\"error\":\"not_found\"}");
            return;
        }
        Integer failure = failures.poll();
        if (failure != null) {
            requests.add(new Request(path, query, headers, failure, null));
            send(exchange, failure, "{\"error\":\"busy\",\"error_description\":\"try again\"}");
            return;
        }
        if (refusal == null && !clientId.equals(query.get("client_id"))) {
            refusal = "Identity not found";
        }
        if (refusal != null) {
            requests.add(new Request(path, query, headers, 400, null));
            send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"" + refusal + "\"}");
            return;
        }
        String token = "msi." + query.get("client_id") + "." + serial.incrementAndGet();
        requests.add(new Request(path, query, headers, 200, token));
        long expiresOn = Instant.now().plusSeconds(86399).getEpochSecond();
        send(exchange, 200,
                "{\"access_token\":\"" + token + "\",\"client_id\":\"" + clientId + "\",\"expires_in\":\"86399\","
                        + "\"expires_on\":\"" + expiresOn + "\",\"ext_expires_in\":\"86399\",\"not_before\":\""
                        + (expiresOn - 86399) + "\",\"resource\":\"" + query.get("resource")
                        + "\",\"token_type\":\"Bearer\"}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
