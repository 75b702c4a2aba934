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
import java.io.InputStream;
import java.util.Set;

/**
 * The Teams manifest JSON Schema (draft-04) kept in the test resources
 * ({@code teams-manifest-schema/v<version>/}), so a plain clone needs nothing outside the
 * repository; see the README there for its source and licence.
 */
final class TeamsSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TeamsSchema() {
    }

    static Set<ValidationMessage> validate(JsonNode manifest) {
        String version = manifest.path("manifestVersion").asText();
        String resource = schemaResource(version);
        try (InputStream in = TeamsSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No Teams schema for manifestVersion '" + version + "' at classpath:"
                        + resource
                        + "; copy it into manifests/src/test/resources/teams-manifest-schema (see the README there)");
            }
            // The schema's patterns are ECMA-262 (one uses [\b]); java.util.regex refuses
            // them, Joni reads them as meant.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
                .build();
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(JSON.readTree(in), config);
            return schema.validate(manifest);
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException("Cannot read the Teams schema " + resource, unreadable);
        }
    }

    static String schemaResource(String manifestVersion) {
        return "/teams-manifest-schema/v" + manifestVersion + "/MicrosoftTeams.schema.json";
    }

}
