package lux.delivery.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.AbstractApplicationBase;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import lux.shared.CertificateFiles;

/**
 * How LUX proves itself to Entra ID for Graph, as {@code lux.graph.*} says: a client
 * secret, a certificate ({@code certificate-path}), or a user-assigned managed identity
 * ({@code managed-identity-client-id}; its endpoint is the one Azure announces in the
 * environment, or {@code managed-identity-endpoint} spoken to with the IMDS protocol).
 * Many tenants forbid secrets.
 */
final class GraphCredentials {

    /** A Graph token and its expiry. */
    record Token(String value, Instant expiresOn) {
    }

    /**
     * The identity endpoint refused the identity (400, 401, 403): a setting is wrong,
     * retrying will not help.
     */
    static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message);
        }

    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphProperties properties;

    private final HttpClient http;

    private volatile AbstractApplicationBase client;

    GraphCredentials(GraphProperties properties, HttpClient http) {
        this.properties = properties;
        this.http = http;
    }

    /** Which of the three ways is configured, for messages. */
    String kind() {
        if (properties.managedIdentity()) {
            return "managed identity " + properties.managedIdentityClientId();
        }
        return properties.certificate() ? "certificate " + properties.certificatePath() : "client secret";
    }

    Token acquire() throws ExecutionException, InterruptedException {
        if (properties.managedIdentity() && !properties.managedIdentityEndpoint().isBlank()) {
            return imds();
        }
        AbstractApplicationBase app = client();
        IAuthenticationResult result;
        if (app instanceof ManagedIdentityApplication mi) {
            try {
                result = mi
                    .acquireTokenForManagedIdentity(
                            ManagedIdentityParameters.builder(resource()).forceRefresh(true).build())
                    .get();
            }
            catch (ExecutionException | InterruptedException | RuntimeException e) {
                throw e;
            }
            catch (Exception e) { // the signature declares Exception
                throw new ExecutionException(e);
            }
        }
        else {
            result = ((ConfidentialClientApplication) app)
                .acquireToken(ClientCredentialParameters.builder(Set.of(properties.scope())).skipCache(true).build())
                .get();
        }
        return new Token(result.accessToken(), result.expiresOnDate().toInstant());
    }

    private AbstractApplicationBase client() {
        AbstractApplicationBase app = client;
        if (app == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                app = client;
            }
        }
        return app;
    }

    /**
     * A managed-identity or a confidential-client application, whichever lux.graph.*
     * configures.
     */
    private AbstractApplicationBase build() {
        JdkMsalHttpClient msalHttp = new JdkMsalHttpClient(http, properties.timeout());
        if (properties.managedIdentity()) {
            return ManagedIdentityApplication
                .builder(ManagedIdentityId.userAssignedClientId(properties.managedIdentityClientId()))
                .httpClient(msalHttp)
                .build();
        }
        IClientCredential credential;
        if (properties.certificate()) {
            CertificateFiles.ClientCertificate certificate = CertificateFiles.load(properties.certificatePath(),
                    properties.certificatePassword(), "lux.graph.certificate-path");
            credential = ClientCredentialFactory.createFromCertificateChain(certificate.key(), certificate.chain());
        }
        else {
            credential = ClientCredentialFactory.createFromSecret(properties.clientSecret());
        }
        try {
            return ConfidentialClientApplication.builder(properties.clientId(), credential)
                .authority(properties.authority().toString().replaceAll("/+$", "") + "/" + properties.tenantId() + "/")
                .httpClient(msalHttp)
                .instanceDiscovery(!properties.authority().getHost().equals("localhost")
                        && !properties.authority().getHost().startsWith("127."))
                .validateAuthority(false)
                .build();
        }
        catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("lux.graph.authority is not a URL: " + properties.authority(), e);
        }
    }

    /**
     * The IMDS protocol: {@code GET ?api-version=2018-02-01&resource=&client_id=} with
     * {@code Metadata: true}.
     */
    private Token imds() throws ExecutionException, InterruptedException {
        String base = properties.managedIdentityEndpoint().strip();
        URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + "api-version=2018-02-01&resource="
                + URLEncoder.encode(resource(), StandardCharsets.UTF_8) + "&client_id="
                + URLEncoder.encode(properties.managedIdentityClientId(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(properties.timeout()).header("Metadata", "true").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
                throw new Refused(
                        "the managed identity endpoint refused client id " + properties.managedIdentityClientId() + " ("
                                + response.statusCode() + "): " + response.body());
            }
            if (response.statusCode() != 200) {
                throw new ExecutionException(
                        new IOException("the managed identity endpoint answered " + response.statusCode()));
            }
            JsonNode body = JSON.readTree(response.body());
            String expiresOn = body.path("expires_on").asText("");
            return new Token(body.path("access_token").asText(), expiresOn.matches("\\d+")
                    ? Instant.ofEpochSecond(Long.parseLong(expiresOn)) : Instant.now().plusSeconds(300));
        }
        catch (IOException e) {
            throw new ExecutionException(e);
        }
    }

    /** Managed identity endpoints take a resource, not a scope. */
    private String resource() {
        return properties.scope().replaceAll("/\\.default$", "");
    }

}
