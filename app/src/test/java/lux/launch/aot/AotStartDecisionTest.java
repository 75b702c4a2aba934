package lux.launch.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class AotStartDecisionTest {

    /** Stands for an application the build processed ahead of time. */
    static class Processed {

    }

    /** The initializer the build generates for {@link Processed}. */
    static class Processed__ApplicationContextInitializer {

        // NOCHECKSTYLE the name AOT
        // gives it

    }

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        SpringProperties.setProperty(AotStartDecision.ENABLED, null);
        System.clearProperty("spring.aot.processing");
    }

    private static StandardEnvironment environment(String transport) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new MapPropertySource("config", Map.of("lux.mail.transport", transport)));
        return environment;
    }

    /**
     * A class loader that holds this snapshot as the build's (and nothing else of it).
     */
    private ClassLoader builtWith(String transport) throws IOException {
        Path file = dir.resolve("aot-conditions.properties");
        Files.writeString(file, ConditionSnapshot.of(environment(transport), List.of("lux.mail.transport")).toText());
        return holdingSnapshot(file.toUri().toURL());
    }

    /**
     * This test's class loader, with {@code snapshot} (none when null) as the build's.
     */
    private ClassLoader holdingSnapshot(URL snapshot) {
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return ConditionSnapshot.RESOURCE.equals(name) ? snapshot : super.getResource(name);
            }
        };
    }

    private static String decision() {
        return SpringProperties.getProperty(AotStartDecision.ENABLED);
    }

    @Test
    void theBuildsConfigurationUsesTheBeanDefinitionsMadeAheadOfTime() throws IOException {
        new AotStartDecision(Processed.class).decide(environment("outbox"), builtWith("outbox"));
        assertThat(decision()).isEqualTo("true");
    }

    @Test
    void anotherAnswerToABeanConditionStartsTheUsualWay() throws IOException {
        new AotStartDecision(Processed.class).decide(environment("graph"), builtWith("outbox"));
        assertThat(decision()).isNull();
    }

    @Test
    void anExplicitChoiceIsObeyed() throws IOException {
        SpringProperties.setProperty(AotStartDecision.ENABLED, "false");
        new AotStartDecision(Processed.class).decide(environment("outbox"), builtWith("outbox"));
        assertThat(decision()).isEqualTo("false");
    }

    @Test
    void withoutGeneratedCodeOrSnapshotNothingChanges() throws IOException {
        new AotStartDecision(AotStartDecisionTest.class).decide(environment("outbox"), builtWith("outbox"));
        assertThat(decision()).as("no AotStartDecisionTest__ApplicationContextInitializer").isNull();

        new AotStartDecision(Processed.class).decide(environment("outbox"), holdingSnapshot(null));
        assertThat(decision()).isNull();
    }

    @Test
    void whileTheBuildProcessesItDecidesNothing() throws IOException {
        System.setProperty("spring.aot.processing", "true");
        new AotStartDecision(Processed.class).decide(environment("outbox"), builtWith("outbox"));
        assertThat(decision()).isNull();
    }

}
