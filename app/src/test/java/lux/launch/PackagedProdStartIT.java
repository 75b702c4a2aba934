package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as an operator would with the prod profile and only a bot
 * password, exits and says why.
 */
class PackagedProdStartIT {

    @TempDir
    Path workDir;

    @Test
    void packagedJarRefusesProdWithoutItsSettingsAndKeepsTheSecretOutOfTheLog() throws Exception {
        Path jar = Path.of(System.getProperty("lux.app.jar", "target/lux.jar")).toAbsolutePath();
        assertThat(jar).exists();
        Path log = workDir.resolve("lux.log");
        String secret = "packaged-secret-V9x~never-printed";
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=0")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        for (String key : List.of("MicrosoftAppId", "SPRING_DATASOURCE_URL", "LUX_PUBLIC_BASE_URL",
                "LUX_MAIL_TRANSPORT", "LUX_TRACKING_SIGNING_KEY")) {
            builder.environment().remove(key);
        }
        builder.environment().put("SPRING_PROFILES_ACTIVE", "prod");
        builder.environment().put("MicrosoftAppPassword", secret);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("LUX stops by itself").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isNotZero();
            assertThat(output).contains("APPLICATION FAILED TO START", "5 setting(s) are missing or wrong",
                    "MicrosoftAppId is not set", "jdbc:h2 URL", "LUX_PUBLIC_BASE_URL", "LUX_TRACKING_SIGNING_KEY",
                    "LUX_MAIL_TRANSPORT");
            assertThat(output).doesNotContain(secret).doesNotContain("Tomcat started");
            assertThat(workDir.resolve("data")).as("no H2 database was created").doesNotExist();
        }
        finally {
            process.destroyForcibly();
        }
    }

}
