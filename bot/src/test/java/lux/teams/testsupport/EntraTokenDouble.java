package lux.teams.testsupport;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entra ID's v2.0 token endpoint ({@code POST /{tenant}/oauth2/v2.0/token}, client
 * credentials) over HTTPS on loopback, with a self-signed certificate the test trusts.
 * Apps are registered with a secret or a certificate; a certificate's client assertion is
 * verified (signature, audience = the token endpoint, iss = sub = client id). Every
 * issued token is remembered, so a test can prove which request produced the token a
 * reply carried.
 */
public final class EntraTokenDouble implements AutoCloseable {

    /** A token request as received, and the token issued for it (null when refused). */
    public record TokenRequest(String tenant, Map<String, String> form, int status, String issued) {
        public String clientId() {
            return form.get("client_id");
        }
    }

    private record App(String secret, X509Certificate certificate) {
    }

    private final HttpsServer server;

    private final TestCertificates tls;

    private final Map<String, App> apps = new ConcurrentHashMap<>();

    private final ConcurrentLinkedQueue<TokenRequest> requests = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();

    private final AtomicInteger serial = new AtomicInteger();

    private volatile long expiresIn = 3599;

    public EntraTokenDouble() {
        tls = TestCertificates.create("localhost");
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code lux.teams.login-endpoint} / {@code lux.graph.authority} for this double. */
    public String loginEndpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The certificate the double presents: trust it (and only it) in the client under
     * test.
     */
    public TestCertificates tls() {
        return tls;
    }

    public EntraTokenDouble registerSecret(String tenant, String clientId, String secret) {
        apps.put(tenant + "/" + clientId, new App(secret, null));
        return this;
    }

    public EntraTokenDouble registerCertificate(String tenant, String clientId, X509Certificate certificate) {
        apps.put(tenant + "/" + clientId, new App(null, certificate));
        return this;
    }

    /**
     * The next token requests are answered with these statuses (e.g. 503, 429) before
     * normal service resumes.
     */
    public void failNext(int... statuses) {
        for (int s : statuses) {
            failures.add(s);
        }
    }

    /** Lifetime of the tokens issued from now on, in seconds. */
    public void expiresIn(long seconds) {
        expiresIn = seconds;
    }

    public List<TokenRequest> requests() {
        return new ArrayList<>(requests);
    }

    /** The tokens issued so far, oldest first. */
    public List<String> issued() {
        return requests().stream().map(TokenRequest::issued).filter(java.util.Objects::nonNull).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String[] segments = path.split("/");
        if (!exchange.getRequestMethod().equals("POST") || segments.length != 5
                || !path.endsWith("/oauth2/v2.0/token")) {
            requests.add(new TokenRequest(null, Map.of("path", path), 404, null));
            send(exchange, 404,
                    "{\"error\":\"not_found\",\"error_description\":\"the double serves only /{tenant}/oauth2/v2.0/token\"}");
            return;
        }
        String tenant = segments[1];
        Map<String, String> form = form(body);
        Integer failure = failures.poll();
        if (failure != null) {
            requests.add(new TokenRequest(tenant, form, failure, null));
            send(exchange, failure,
                    "{\"error\":\"temporarily_unavailable\",\"error_description\":\"AADSTS50196: try again\"}");
            return;
        }
        String refusal = refusal(tenant, form, loginEndpoint() + path);
        if (refusal != null) {
            requests.add(new TokenRequest(tenant, form, 401, null));
            send(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"" + refusal
                    + "\",\"error_codes\":[7000215]}");
            return;
        }
        String token = "entra." + tenant + "." + form.get("client_id") + "." + serial.incrementAndGet();
        requests.add(new TokenRequest(tenant, form, 200, token));
        send(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":"
                + expiresIn + ",\"access_token\":\"" + token + "\"}");
    }

    private String refusal(String tenant, Map<String, String> form, String endpoint) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "AADSTS70003: grant_type must be client_credentials";
        }
        App app = apps.get(tenant + "/" + form.get("client_id"));
        if (app == null) {
            return "AADSTS700016: application " + form.get("client_id") + " was not found in the directory " + tenant;
        }
        if (app.secret() != null) {
            return app.secret().equals(form.get("client_secret")) ? null : "AADSTS7000215: invalid client secret";
        }
        String assertion = form.get("client_assertion");
        if (assertion == null || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            .equals(form.get("client_assertion_type"))) {
            return "AADSTS700027: a client assertion is required";
        }
        try {
            JWT.require(Algorithm.RSA256((RSAPublicKey) app.certificate().getPublicKey(), null))
                .withAudience(endpoint)
                .withIssuer(form.get("client_id"))
                .withSubject(form.get("client_id"))
                .build()
                .verify(assertion);
            return null;
        }
        catch (RuntimeException e) {
            return "AADSTS700027: client assertion failed signature validation: " + e.getMessage().replace('"', '\'');
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
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
