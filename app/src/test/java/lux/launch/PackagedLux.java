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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar started once as an operator would, on a free port, with an H2 file
 * database the test may read beside it (AUTO_SERVER: the second process connects through
 * the first one's server).
 */
final class PackagedLux implements AutoCloseable {

    static final String ADMIN = "admin@lux.test";

    static final String ADMIN_PASSWORD = "Packaged-Admin-Pass-2026!";

    private final Process process;

    private final Path log;

    private final String jdbcUrl;

    final int port;

    private PackagedLux(Process process, Path log, String jdbcUrl, int port) {
        this.process = process;
        this.log = log;
        this.jdbcUrl = jdbcUrl;
        this.port = port;
    }

    static PackagedLux start(Path workDir, List<String> arguments) throws Exception {
        Path jar = Path.of(System.getProperty("lux.app.jar", "target/lux.jar")).toAbsolutePath();
        assertThat(jar).exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String jdbcUrl = "jdbc:h2:file:" + workDir.resolve("data/lux").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        Path log = workDir.resolve("lux.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=sa",
                "--spring.datasource.password=", "--lux.public-base-url=http://127.0.0.1:" + port,
                "--lux.admin.bootstrap-email=" + ADMIN, "--lux.admin.bootstrap-password=" + ADMIN_PASSWORD));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        for (String key : List.of("MicrosoftAppId", "MicrosoftAppPassword", "OPENAI_API_KEY", "SPRING_DATASOURCE_URL",
                "SPRING_PROFILES_ACTIVE", "LUX_MAIL_TRANSPORT", "LUX_PUBLIC_BASE_URL")) {
            builder.environment().remove(key);
        }
        PackagedLux lux = new PackagedLux(builder.start(), log, jdbcUrl, port);
        lux.awaitHealthy();
        return lux;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "sa", "");
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // generous: on a loaded build machine the packaged app has taken minutes to start
        Instant deadline = Instant.now().plusSeconds(600);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("LUX exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http
                    .send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
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
        throw new AssertionError("LUX did not become healthy:\n" + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

}
