package lux.launch.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConditionSnapshotTest {

    private static final List<String> READ = List.of("lux.mail.transport", "lux.digest.enabled", "server.port",
            "management.server.port", "spring.datasource.url", "lux.openai.api-key");

    private static StandardEnvironment environment(Map<String, Object> properties, String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        environment.setActiveProfiles(profiles);
        return environment;
    }

    private static final Map<String, Object> BUILD = Map.of("server.port", "3978", "spring.datasource.url",
            "jdbc:h2:file:./data/lux", "lux.openai.api-key", "sk-build-secret");

    private final ConditionSnapshot built = ConditionSnapshot.of(environment(BUILD), READ);

    private List<String> differencesWith(Map<String, Object> runtime, String... profiles) {
        return built.differencesFrom(built.sameFactsOf(environment(runtime, profiles)));
    }

    @Test
    void theBuildsOwnConfigurationGivesTheSameFacts() {
        assertThat(differencesWith(BUILD)).isEmpty();
    }

    @Test
    void aPropertyAConditionReadNamesTheDifference() {
        Map<String, Object> graph = new HashMap<>(BUILD);
        graph.put("lux.mail.transport", "graph");
        assertThat(differencesWith(graph)).containsExactly("lux.mail.transport");

        Map<String, Object> noKey = new HashMap<>(BUILD);
        noKey.remove("lux.openai.api-key");
        assertThat(differencesWith(noKey)).containsExactly("lux.openai.api-key");
    }

    @Test
    void anotherPortOrDatabaseKeepsTheAnswersButAManagementPortOrNoUrlDoesNot() {
        Map<String, Object> elsewhere = new HashMap<>(BUILD);
        elsewhere.put("server.port", "0");
        elsewhere.put("spring.datasource.url", "jdbc:postgresql://db/lux");
        assertThat(differencesWith(elsewhere)).isEmpty();

        Map<String, Object> managementPort = new HashMap<>(BUILD);
        managementPort.put("management.server.port", "9090");
        assertThat(differencesWith(managementPort)).containsExactly("management-port");

        Map<String, Object> noUrl = new HashMap<>(BUILD);
        noUrl.remove("spring.datasource.url");
        assertThat(differencesWith(noUrl)).containsExactly("datasource-url");
    }

    @Test
    void profilesAreAFact() {
        assertThat(differencesWith(BUILD, "prod")).containsExactly("profiles");
    }

    @Test
    void theTextKeepsDigestsNotValuesAndReadsBack() {
        String text = built.toText();
        assertThat(text).doesNotContain("sk-build-secret")
            .doesNotContain("jdbc:h2")
            .contains("property.lux.openai.api-key=");
        assertThat(text).doesNotContainPattern("#.*20\\d\\d"); // no date: the same build
                                                               // gives the same jar entry
        assertThat(ConditionSnapshot.parse(text)).isEqualTo(built);
        assertThat(ConditionSnapshot.parse(text).differencesFrom(built.sameFactsOf(environment(BUILD)))).isEmpty();
    }

}
