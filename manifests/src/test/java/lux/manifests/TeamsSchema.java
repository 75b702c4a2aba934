package lux.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The Teams manifest JSON Schema (draft-04) from the project's shared folder: {@code ../shared} next to the
 * repository root (the directory holding mvnw), or wherever {@code LUX_SHARED_DIR} (property or environment) points.
 */
final class TeamsSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TeamsSchema() {
    }

    static Set<ValidationMessage> validate(JsonNode manifest) {
        String version = manifest.path("manifestVersion").asText();
        Path file = schemaFile(version);
        try {
            // The schema's patterns are ECMA-262 (one uses [\b]); java.util.regex refuses them, Joni reads them as meant.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .regularExpressionFactory(JoniRegularExpressionFactory.getInstance()).build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                    .getSchema(JSON.readTree(file.toFile()), config);
            return schema.validate(manifest);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read the Teams schema " + file, unreadable);
        }
    }

    static Path schemaFile(String manifestVersion) {
        Path file = sharedDir().resolve("schemas/teams-manifest/v" + manifestVersion + "/MicrosoftTeams.schema.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No Teams schema for manifestVersion '" + manifestVersion + "' at " + file);
        }
        return file;
    }

    static Path sharedDir() {
        String configured = System.getProperty("LUX_SHARED_DIR", System.getenv("LUX_SHARED_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                Path shared = dir.resolveSibling("shared");
                if (Files.isDirectory(shared)) {
                    return shared;
                }
                throw new IllegalStateException("The shared folder with the Teams schemas is not at " + shared
                        + "; set LUX_SHARED_DIR to where it is");
            }
        }
        throw new IllegalStateException("Cannot find the repository root (the directory with mvnw) above "
                + Path.of("").toAbsolutePath() + "; set LUX_SHARED_DIR to the shared folder");
    }
}
