package lux.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages with the settings of a real installation, and refuses bad ones with every
 * reason at once.
 */
class TeamsAppPackagerTest {

    private static final Path SOURCE = Path.of(System.getProperty("lux.teams.source", "src/main/teams"));

    private static final String APP_ID = "1B2C3D4E-5F60-4711-8899-AABBCCDDEEFF";

    @TempDir
    Path out;

    @Test
    void installationSettingsFlowIntoAManifestThatValidates() throws Exception {
        PackageSettings settings = PackageSettings.resolve(Map.of("app-id", APP_ID, "version", "1.4.0-SNAPSHOT",
                "public-base-url", "https://lux.contoso.com", "privacy-url", "https://contoso.com/privacy"), Map.of());

        Path zip = new TeamsAppPackager().build(SOURCE, out, settings);

        assertThat(zip.getFileName().toString()).isEqualTo("lux-teams-app.zip");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("teams-app/manifest.json").toFile());
        assertThat(manifest.path("bots").get(0).path("botId").asText()).isEqualTo(APP_ID.toLowerCase());
        assertThat(manifest.path("validDomains").get(0).asText()).isEqualTo("lux.contoso.com");
        assertThat(manifest.path("validDomains")).hasSize(1);
        assertThat(manifest.path("version").asText()).isEqualTo("1.4.0");
        assertThat(manifest.path("developer").path("privacyUrl").asText()).isEqualTo("https://contoso.com/privacy");
        assertThat(manifest.path("developer").path("termsOfUseUrl").asText()).isEqualTo("https://lux.contoso.com");
        assertThat(TeamsSchema.validate(manifest)).isEmpty();
    }

    @Test
    void explicitDomainWinsOverTheBaseUrlsHost() {
        PackageSettings settings = PackageSettings
            .resolve(Map.of("public-base-url", "https://lux.contoso.com", "domain", "*.contoso.com"), Map.of());
        assertThat(settings.domain()).isEqualTo("*.contoso.com");
    }

    @Test
    void theEnvironmentLuxReadsFillsWhatTheBuildLeftBlank() {
        PackageSettings settings = PackageSettings.resolve(Map.of("app-id", " ", "public-base-url", ""),
                Map.of("MicrosoftAppId", APP_ID, "LUX_PUBLIC_BASE_URL", "https://mail.fabrikam.example"));
        assertThat(settings.appId()).isEqualTo(APP_ID.toLowerCase());
        assertThat(settings.domain()).isEqualTo("mail.fabrikam.example");
    }

    @Test
    void withNothingConfiguredThePackageStillBuildsWithAPlaceholderBotAndLocalhost() {
        PackageSettings settings = PackageSettings.resolve(Map.of(), Map.of());
        assertThat(settings.appId()).isEqualTo(PackageSettings.PLACEHOLDER_APP_ID);
        assertThat(settings.domain()).isEqualTo("localhost");
    }

    @Test
    void everyBadSettingIsReportedAtOnceNamingTheBuildProperty() {
        assertThatThrownBy(() -> PackageSettings
            .resolve(Map.of("app-id", "my-bot", "public-base-url", "lux.contoso.com", "version", "latest"), Map.of()))
            .isInstanceOfSatisfying(InvalidPackageSettingsException.class, e -> {
                assertThat(e.problems()).hasSize(4);
                assertThat(e.getMessage()).contains("lux.teams.app-id", "'my-bot'", "lux.teams.public-base-url",
                        "'lux.contoso.com'", "version must look like 1.2.3", "domain (lux.teams.domain)");
            });
    }

    @Test
    void aDomainWithSchemeOrPathIsRefused() {
        assertThatThrownBy(() -> PackageSettings.resolve(Map.of("domain", "https://lux.contoso.com/"), Map.of()))
            .isInstanceOf(InvalidPackageSettingsException.class)
            .hasMessageContaining("without https://");
    }

    @Test
    void theSameInputsGiveTheSameZipByteForByte() throws Exception {
        PackageSettings settings = PackageSettings.resolve(Map.of("app-id", APP_ID), Map.of());
        byte[] first = Files.readAllBytes(new TeamsAppPackager().build(SOURCE, out.resolve("a"), settings));
        byte[] second = Files.readAllBytes(new TeamsAppPackager().build(SOURCE, out.resolve("b"), settings));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void aTemplatePlaceholderThePackagerDoesNotKnowStopsTheBuild() {
        PackageSettings settings = PackageSettings.resolve(Map.of(), Map.of());
        assertThatThrownBy(() -> new TeamsAppPackager().render("{\"id\": \"{{tenantId}}\"}", settings))
            .hasMessageContaining("{{tenantId}}");
    }

}
