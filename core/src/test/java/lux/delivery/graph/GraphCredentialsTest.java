package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three ways LUX can authenticate to Graph, against loopback doubles speaking the
 * real wire formats: the tenant's token endpoint (HTTPS) with a certificate's client
 * assertion, verified here with the certificate's public key; a managed identity endpoint
 * speaking IMDS. Which settings are missing depends on the way chosen.
 */
class GraphCredentialsTest {

    static final WireMockServer wire = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
    static final ObjectMapper JSON = new ObjectMapper();
    static HttpClient http;

    @TempDir
    static Path dir;

    static {
        wire.start();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { new GraphDeliveryTest.TrustEverything() }, new SecureRandom());
            http = HttpClient.newBuilder().sslContext(tls).build();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
    }

    @Test
    void aCertificateSignsTheClientAssertionInsteadOfASecret() throws Exception {
        Path p12 = keytool(dir.resolve("graph-app.p12"));
        wire.stubFor(post(urlPathEqualTo("/tenant-1/oauth2/v2.0/token")).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"graph-cert-token\"}")));
        GraphCredentials credentials = new GraphCredentials(properties(p12.toString(), "", ""), http);

        GraphCredentials.Token token = credentials.acquire();

        assertThat(token.value()).isEqualTo("graph-cert-token");
        assertThat(token.expiresOn()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
        Map<String, String> form = form(
                wire.findAll(postRequestedFor(urlPathEqualTo("/tenant-1/oauth2/v2.0/token"))).get(0).getBodyAsString());
        assertThat(form).containsEntry("client_id", "client-1")
            .containsEntry("grant_type", "client_credentials")
            .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            .doesNotContainKey("client_secret");
        String[] jwt = form.get("client_assertion").split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(certificate(p12));
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).as("signed with the certificate's key")
            .isTrue();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("aud").isArray() ? claims.path("aud").get(0).asText() : claims.path("aud").asText())
            .isEqualTo("https://localhost:" + wire.httpsPort() + "/tenant-1/oauth2/v2.0/token");
        assertThat(claims.path("iss").asText()).isEqualTo("client-1");
        assertThat(claims.path("sub").asText()).isEqualTo("client-1");
    }

    @Test
    void aManagedIdentityAsksTheIdentityEndpointForGraph() throws Exception {
        long expiresOn = Instant.now().plusSeconds(86399).getEpochSecond();
        wire.stubFor(get(urlPathEqualTo("/metadata/identity/oauth2/token")).withHeader("Metadata", equalTo("true"))
            .willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"graph-msi-token\",\"expires_on\":\"" + expiresOn
                        + "\",\"resource\":\"https://graph.microsoft.com\",\"token_type\":\"Bearer\"}")));
        GraphProperties settings = properties("", "mi-client-7",
                "http://127.0.0.1:" + wire.port() + "/metadata/identity/oauth2/token");

        GraphCredentials.Token token = new GraphCredentials(settings, http).acquire();

        assertThat(token.value()).isEqualTo("graph-msi-token");
        assertThat(token.expiresOn()).isEqualTo(Instant.ofEpochSecond(expiresOn));
        wire.verify(getRequestedFor(urlPathEqualTo("/metadata/identity/oauth2/token"))
            .withQueryParam("client_id", equalTo("mi-client-7"))
            .withQueryParam("resource", equalTo("https://graph.microsoft.com"))
            .withQueryParam("api-version", equalTo("2018-02-01")));
        assertThat(settings.missing()).as("no tenant, client id or secret needed").isEmpty();
    }

    @Test
    void anIdentityTheHostDoesNotHaveIsARefusalNotARetry() {
        wire.stubFor(get(urlPathEqualTo("/metadata/identity/oauth2/token")).willReturn(aResponse().withStatus(400)
            .withBody("{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}")));
        GraphCredentials credentials = new GraphCredentials(
                properties("", "mi-unknown", "http://127.0.0.1:" + wire.port() + "/metadata/identity/oauth2/token"),
                http);
        assertThatThrownBy(credentials::acquire).isInstanceOf(GraphCredentials.Refused.class)
            .hasMessageContaining("mi-unknown")
            .hasMessageContaining("Identity not found");
    }

    @Test
    void whatIsMissingDependsOnTheWayChosen() {
        assertThat(properties("", "", "").missing())
            .isEqualTo("lux.graph.client-secret (or certificate-path, or managed-identity-client-id)");
        assertThat(properties("/etc/lux/graph.pfx", "", "").missing()).isEmpty();
        assertThat(properties("/etc/lux/graph.pfx", "", "").toString()).doesNotContain("cert-password");
    }

    @Test
    void anUnreadableCertificateNamesTheSetting() {
        GraphCredentials credentials = new GraphCredentials(properties(dir.resolve("missing.pfx").toString(), "", ""),
                http);
        assertThatThrownBy(credentials::acquire).hasMessageContaining("lux.graph.certificate-path")
            .hasMessageContaining("missing.pfx");
    }

    private static GraphProperties properties(String certificatePath, String managedIdentityClientId,
            String managedIdentityEndpoint) {
        return new GraphProperties("tenant-1", "client-1", "", "news@contoso.test",
                URI.create("https://localhost:" + wire.httpsPort()),
                URI.create("https://localhost:" + wire.httpsPort() + "/v1.0"), "https://graph.microsoft.com/.default",
                Duration.ofSeconds(10), "mime", "", certificatePath, "cert-password", managedIdentityClientId,
                managedIdentityEndpoint);
    }

    /**
     * A self-signed certificate from the JDK's keytool (Java has no public API to make
     * one).
     */
    private static Path keytool(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "graph", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
                "CN=lux-graph", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", "cert-password",
                "-keypass", "cert-password")
            .redirectErrorStream(true)
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return file;
    }

    private static java.security.PublicKey certificate(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, "cert-password".toCharArray());
        }
        return ((X509Certificate) store.getCertificate("graph")).getPublicKey();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

}
