package lux;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as a user would (java -jar lux.jar) in an empty directory, with no credentials,
 * and waits for /actuator/health to report UP with the database component.
 */
class PackagedAppStartupIT {
    @TempDir
    Path workDir;

    @Test
    void packagedAppStartsOnAnEmptyDataDirectoryAndReportsHealthy() throws Exception {
        Path jar = Path.of(System.getProperty("lux.app.jar", "target/lux.jar")).toAbsolutePath();
        assertThat(jar).exists();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString(), "--server.port=" + port));
        Path log = workDir.resolve("lux.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // No account of any kind: strip anything the developer's shell might carry.
        for (String key : List.of("MicrosoftAppId", "MicrosoftAppPassword", "OPENAI_API_KEY", "SPRING_DATASOURCE_URL",
                "SPRING_PROFILES_ACTIVE", "LUX_MAIL_TRANSPORT")) {
            builder.environment().remove(key);
        }
        Process process = builder.start();
        try {
            String health = awaitHealthy(port, process, Duration.ofSeconds(120), log);
            assertThat(health).contains("\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
            assertThat(Files.list(workDir.resolve("data")).map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("lux") && name.endsWith(".mv.db"));
        } finally {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String awaitHealthy(int port, Process process, Duration timeout, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("LUX exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("LUX did not become healthy in " + timeout + " (last: " + last + "):\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
