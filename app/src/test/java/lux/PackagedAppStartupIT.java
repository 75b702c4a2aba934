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
import java.util.Map;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import lux.testsupport.PostgresAvailability;
import lux.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as a user would (java -jar lux.jar) in an empty directory, with
 * no credentials, and waits for /actuator/health to report UP with the database
 * component.
 */
class PackagedAppStartupIT {

    @TempDir
    Path workDir;

    @Test
    void packagedAppStartsOnAnEmptyDataDirectoryAndReportsHealthy() throws Exception {
        Path classes = workDir.resolve("classes.log");
        Process process = start(Map.of(), "-Xlog:class+load=info:file=" + classes);
        try {
            String health = awaitHealthy(process, Duration.ofSeconds(120));
            assertThat(health).contains("\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
            assertThat(Files.list(workDir.resolve("data")).map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("lux") && name.endsWith(".mv.db"));
            assertThat(Files.readString(log)).as("README's configuration uses the bean definitions made ahead of time")
                .contains("Starting AOT-processed LuxApplication");
            // the JVM's default TLS context parses the trust store (half a second): made
            // on
            // the first outgoing https connection, never by a start
            assertThat(Files.readString(classes)).contains("lux.LuxApplication ")
                .doesNotContain("sun.security.ssl.SSLContextImpl$DefaultManagersHolder");
        }
        finally {
            stop(process);
        }
    }

    /**
     * A setting that one of LUX's bean conditions reads, other than the build's: the
     * ahead-of-time bean definitions hold the digest scheduler this start must not have,
     * so LUX starts the usual way and says why.
     */
    @Test
    void aConfigurationTheBuildDidNotSeeStartsWithoutTheBeanDefinitionsMadeAheadOfTime() throws Exception {
        Process process = start(Map.of("LUX_DIGEST_ENABLED", "false"));
        try {
            assertThat(awaitHealthy(process, Duration.ofSeconds(120))).contains("\"status\":\"UP\"");
            assertThat(Files.readString(log)).contains("differs from the build's in [lux.digest.enabled]")
                .doesNotContain("AOT-processed");
        }
        finally {
            stop(process);
        }
    }

    /**
     * PostgreSQL is chosen by the three standard environment variables alone; Flyway
     * builds the schema.
     */
    @Test
    void packagedAppRunsOnPostgresqlConfiguredByEnvironmentAlone() throws Exception {
        PostgresAvailability.assumeReachable();
        String schema = "lux_it_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER,
                TestDatabase.POSTGRES_PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        String separator = TestDatabase.POSTGRES_URL.contains("?") ? "&" : "?";
        Process process = start(Map.of("SPRING_DATASOURCE_URL",
                TestDatabase.POSTGRES_URL + separator + "currentSchema=" + schema, "SPRING_DATASOURCE_USERNAME",
                TestDatabase.POSTGRES_USER, "SPRING_DATASOURCE_PASSWORD", TestDatabase.POSTGRES_PASSWORD));
        try {
            String health = awaitHealthy(process, Duration.ofSeconds(120));
            assertThat(health).contains("\"db\":{\"status\":\"UP\"");
            assertThat(Files.exists(workDir.resolve("data"))).isFalse();
            try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER,
                    TestDatabase.POSTGRES_PASSWORD);
                    Statement s = c.createStatement();
                    ResultSet rs = s
                        .executeQuery("SELECT COUNT(*) FROM " + schema + ".flyway_schema_history WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(8);
            }
        }
        finally {
            stop(process);
            try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER,
                    TestDatabase.POSTGRES_PASSWORD); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private int port;

    private Path log;

    private Process start(Map<String, String> environment, String... jvmOptions) throws IOException {
        Path jar = Path.of(System.getProperty("lux.app.jar", "target/lux.jar")).toAbsolutePath();
        assertThat(jar).exists();
        port = freePort();
        log = workDir.resolve("lux.log");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        // No account of any kind: strip anything the developer's shell might carry, and
        // any
        // setting of LUX, Spring or the actuator (the first test expects README's
        // configuration).
        builder.environment()
            .keySet()
            .removeIf(key -> key.startsWith("LUX_") || key.startsWith("SPRING_") || key.startsWith("MANAGEMENT_")
                    || List.of("MicrosoftAppId", "MicrosoftAppPassword", "OPENAI_API_KEY").contains(key));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private String awaitHealthy(Process process, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("LUX exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return response.body();
                }
            }
            catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "LUX did not become healthy in " + timeout + " (last: " + last + "):\n" + Files.readString(log));
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
