package lux.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the zip the Maven build produced (target/lux-teams-app.zip), the one an admin
 * uploads to Teams.
 */
class BuiltTeamsPackageTest {

    private static final Map<String, byte[]> entries = new LinkedHashMap<>();

    private static JsonNode manifest;

    @BeforeAll
    static void readZip() throws IOException {
        Path zip = Path.of(System.getProperty("lux.teams.zip", "target/" + TeamsAppPackager.ZIP_NAME));
        assertThat(zip).as("the build writes the package before the tests run").isRegularFile();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
    }

    @Test
    void zipHoldsTheManifestAndBothIconsAtItsRootAndNothingElse() {
        assertThat(entries.keySet()).containsExactlyInAnyOrder("manifest.json", "color.png", "outline.png");
        assertThat(manifest.path("icons").path("color").asText()).isEqualTo("color.png");
        assertThat(manifest.path("icons").path("outline").asText()).isEqualTo("outline.png");
    }

    @Test
    void manifestValidatesAgainstTheTeamsSchemaOfItsVersion() {
        String version = manifest.path("manifestVersion").asText();
        // The schema text says "const" for the version, which draft-04 validators ignore:
        // check it here.
        assertThat(Double.parseDouble(version)).isGreaterThanOrEqualTo(1.22);
        assertThat(manifest.path("$schema").asText()).endsWith("/v" + version + "/MicrosoftTeams.schema.json");
        assertThat(TeamsSchema.validate(manifest)).isEmpty();
    }

    @Test
    void manifestCarriesTheBotIdAndDomainTheBuildWasGiven() {
        PackageSettings expected = PackageSettings.resolve(buildOptions(), System.getenv());
        JsonNode bot = manifest.path("bots").get(0);
        assertThat(bot.path("botId").asText()).isEqualTo(expected.appId());
        assertThat(texts(manifest.path("validDomains"))).containsExactly(expected.domain());
        assertThat(manifest.path("developer").path("websiteUrl").asText())
            .isEqualTo(expected.publicBaseUrl().toString());
        assertThat(manifest.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(manifest.path("id").asText()).isEqualTo(PackageSettings.LUX_PACKAGE_ID);
    }

    @Test
    void botWorksInEveryScopeTakesFilesAndListsItsCommands() {
        JsonNode bot = manifest.path("bots").get(0);
        assertThat(texts(bot.path("scopes"))).containsExactlyInAnyOrder("personal", "team", "groupChat");
        assertThat(bot.path("supportsFiles").asBoolean()).isTrue();
        List<String> titles = new ArrayList<>();
        bot.path("commandLists")
            .forEach(list -> list.path("commands").forEach(c -> titles.add(c.path("title").asText())));
        assertThat(titles).containsExactly("help", "contacts add", "contacts find", "import", "template new",
                "new campaign", "campaigns", "stats");
        bot.path("commandLists")
            .forEach(list -> list.path("commands")
                .forEach(c -> assertThat(c.path("description").asText()).isNotBlank()));
        assertThat(manifest.path("description").path("short").asText()).contains("email campaigns");
        assertThat(manifest.path("description").path("full").asText().length()).isBetween(200, 4000);
    }

    @Test
    void iconsHaveTheSizesTeamsRequires() throws IOException {
        BufferedImage colour = png("color.png");
        BufferedImage outline = png("outline.png");
        assertThat(colour.getWidth()).isEqualTo(192);
        assertThat(colour.getHeight()).isEqualTo(192);
        assertThat(outline.getWidth()).isEqualTo(32);
        assertThat(outline.getHeight()).isEqualTo(32);
        // A real drawing, not a flat placeholder: the colour icon uses several colours.
        assertThat(distinctColours(colour)).isGreaterThan(3);
    }

    @Test
    void outlineIconIsWhiteOnTransparent() throws IOException {
        BufferedImage outline = png("outline.png");
        assertThat(outline.getColorModel().hasAlpha()).isTrue();
        int opaque = 0;
        int transparent = 0;
        for (int y = 0; y < outline.getHeight(); y++) {
            for (int x = 0; x < outline.getWidth(); x++) {
                int argb = outline.getRGB(x, y);
                int alpha = argb >>> 24;
                if (alpha == 0) {
                    transparent++;
                }
                else {
                    assertThat(argb & 0xFFFFFF).as("pixel %d,%d must be white", x, y).isEqualTo(0xFFFFFF);
                    if (alpha == 255) {
                        opaque++;
                    }
                }
            }
        }
        assertThat(outline.getRGB(0, 0) >>> 24).as("the background is transparent").isZero();
        assertThat(transparent).isGreaterThan(32 * 32 / 2);
        assertThat(opaque).as("the symbol has solid white strokes").isGreaterThan(40);
    }

    private static BufferedImage png(String name) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(entries.get(name)));
        assertThat(image).as(name + " is a readable PNG").isNotNull();
        return image;
    }

    private static long distinctColours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
            .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()))
            .distinct()
            .count();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** The same options the Maven build handed the packager (surefire passes them on). */
    private static Map<String, String> buildOptions() {
        Map<String, String> options = new HashMap<>();
        for (String name : List.of("app-id", "public-base-url", "domain")) {
            String value = System.getProperty("lux.teams." + name);
            if (value != null) {
                options.put(name, value);
            }
        }
        return options;
    }

}
