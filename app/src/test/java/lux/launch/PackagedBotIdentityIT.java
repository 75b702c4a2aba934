package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lux.teams.testsupport.BotConnectorDouble;
import lux.teams.testsupport.BotFrameworkDouble;
import lux.teams.testsupport.EntraTokenDouble;
import lux.teams.testsupport.ManagedIdentityDouble;
import lux.teams.testsupport.TestCertificates;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it, configured only by environment variables: a
 * SingleTenant bot (its token endpoint an HTTPS double the JVM trusts through the
 * standard javax.net.ssl.trustStore) and a UserAssignedMSI bot whose identity endpoint is
 * announced as App Service does (IDENTITY_ENDPOINT, IDENTITY_HEADER), so MSAL4J's own
 * managed identity code runs. Each accepts a channel token, answers, and the answer
 * carries the right token.
 */
class PackagedBotIdentityIT {

    static final String APP_ID = "7d3e2f1a-0b9c-4d8e-a7f6-5e4d3c2b1a09";
    static final String TENANT = "2f4e6d8c-0a1b-4c3d-9e8f-7a6b5c4d3e2f";
    static final String SECRET = "packaged-single-tenant-secret~K2";

    @AutoClose
    final BotFrameworkDouble botFramework = new BotFrameworkDouble("msteams");

    @AutoClose
    final BotConnectorDouble connector = new BotConnectorDouble();

    @TempDir
    Path workDir;

    int port;

    Path log;

    @Test
    void aSingleTenantBotRepliesWithTheTokenItsTenantIssued() throws Exception {
        try (EntraTokenDouble entra = new EntraTokenDouble().registerSecret(TENANT, APP_ID, SECRET)) {
            Path trustStore = entra.tls().trustStore();
            Process lux = start(
                    Map.of("MicrosoftAppId", APP_ID, "MicrosoftAppPassword", SECRET, "MicrosoftAppTenantId", TENANT,
                            "MicrosoftAppType", "SingleTenant", "LUX_TEAMS_OPENID_METADATA_URL",
                            botFramework.metadataUrl(), "LUX_TEAMS_LOGIN_ENDPOINT", entra.loginEndpoint()),
                    List.of("-Djavax.net.ssl.trustStore=" + trustStore,
                            "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                            "-Djavax.net.ssl.trustStoreType=PKCS12"));
            try {
                awaitHealthy(lux);
                assertThat(post(botFramework.token(APP_ID, connector.serviceUrl()).bearer()).statusCode())
                    .isEqualTo(200);
                BotConnectorDouble.Call reply = connector.awaitMessage(Duration.ofSeconds(30));
                EntraTokenDouble.TokenRequest granted = entra.requests()
                    .stream()
                    .filter(r -> r.status() == 200)
                    .findFirst()
                    .orElseThrow();
                assertThat(reply.authorization()).isEqualTo("Bearer " + granted.issued());
                assertThat(granted.tenant()).isEqualTo(TENANT);
                assertThat(granted.clientId()).isEqualTo(APP_ID);

                int calls = connector.calls().size();
                assertThat(post(botFramework.token(APP_ID, connector.serviceUrl()).fromSkill("another-bot").bearer())
                    .statusCode()).isEqualTo(401);
                assertThat(post(botFramework.token(APP_ID, connector.serviceUrl())
                    .expiresAt(Instant.now().minusSeconds(3600))
                    .bearer()).statusCode()).isEqualTo(401);
                assertThat(connector.calls()).hasSize(calls);
                assertThat(Files.readString(log)).doesNotContain(SECRET);
            }
            finally {
                stop(lux);
            }
        }
    }

    @Test
    void aManagedIdentityBotRepliesWithTheTokenMsalGotFromTheIdentityEndpoint() throws Exception {
        try (ManagedIdentityDouble identity = new ManagedIdentityDouble(APP_ID)) {
            Process lux = start(Map.of("MicrosoftAppId", APP_ID, "MicrosoftAppTenantId", TENANT, "MicrosoftAppType",
                    "UserAssignedMSI", "LUX_TEAMS_OPENID_METADATA_URL", botFramework.metadataUrl(), "IDENTITY_ENDPOINT",
                    identity.appServiceEndpoint(), "IDENTITY_HEADER", ManagedIdentityDouble.IDENTITY_HEADER),
                    List.of());
            try {
                awaitHealthy(lux);
                assertThat(post(botFramework.token(APP_ID, connector.serviceUrl()).bearer()).statusCode())
                    .isEqualTo(200);
                BotConnectorDouble.Call reply = connector.awaitMessage(Duration.ofSeconds(30));
                ManagedIdentityDouble.Request request = identity.requests()
                    .stream()
                    .filter(r -> r.issued() != null)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no token issued; requests: " + identity.requests()));
                assertThat(request.path()).isEqualTo("/msi/token");
                assertThat(request.query()).containsEntry("client_id", APP_ID)
                    .containsEntry("resource", "https://api.botframework.com");
                assertThat(reply.authorization()).isEqualTo("Bearer " + request.issued());
            }
            finally {
                stop(lux);
            }
        }
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        String activity = """
                {"type":"message","id":"in-1","channelId":"msteams","serviceUrl":"%s","text":"help",
                 "from":{"id":"29:someone","aadObjectId":"00000000-0000-0000-0000-0000000000e1","name":"Someone"},
                 "recipient":{"id":"28:%s","name":"LUX"},"conversation":{"id":"conv-packaged","conversationType":"personal"},
                 "channelData":{"tenant":{"id":"%s"}}}"""
            .formatted(connector.serviceUrl(), APP_ID, TENANT);
        return HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(activity))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Process start(Map<String, String> environment, List<String> jvmOptions) throws IOException {
        Path jar = Path.of(System.getProperty("lux.app.jar", "target/lux.jar")).toAbsolutePath();
        assertThat(jar).exists();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        log = workDir.resolve("lux.log");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        // the connector double answers on plain http on loopback: listed, as an operator
        // would list a proxy of their own
        command.addAll(
                List.of("-jar", jar.toString(), "--server.port=" + port, "--lux.teams.service-url-hosts=127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        for (String key : List.of("MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType",
                "OPENAI_API_KEY", "SPRING_DATASOURCE_URL", "SPRING_PROFILES_ACTIVE", "LUX_MAIL_TRANSPORT",
                "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "IMDS_ENDPOINT")) {
            builder.environment().remove(key);
        }
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitHealthy(Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // Generous: on a loaded build machine the packaged app has taken over three
        // minutes to start.
        Instant deadline = Instant.now().plusSeconds(600);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("LUX exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("LUX did not become healthy:\n" + Files.readString(log));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

}
