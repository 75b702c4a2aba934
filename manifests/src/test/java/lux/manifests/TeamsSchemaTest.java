package lux.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The schema check really rejects what Teams would reject, so a passing manifest test
 * means something.
 */
class TeamsSchemaTest {

    @Test
    void aManifestWithABadBotIdAnUnknownScopeAndAStrayFieldIsRejected() throws Exception {
        PackageSettings settings = PackageSettings.resolve(Map.of(), Map.of());
        Path source = Path.of(System.getProperty("lux.teams.source", "src/main/teams"));
        ObjectNode manifest = (ObjectNode) new ObjectMapper().readTree(new TeamsAppPackager()
            .render(java.nio.file.Files.readString(source.resolve(TeamsAppPackager.TEMPLATE)), settings));
        assertThat(TeamsSchema.validate(manifest)).isEmpty();

        ObjectNode bot = (ObjectNode) manifest.path("bots").get(0);
        bot.put("botId", "not-a-guid");
        ((ArrayNode) bot.path("scopes")).add("everywhere");
        manifest.put("colour", "purple");

        Set<ValidationMessage> errors = TeamsSchema.validate(manifest);
        String report = errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("\n"));
        assertThat(report).contains("/bots/0/botId", "/bots/0/scopes/3", "colour");
        assertThat(errors).hasSize(3);
    }

}
