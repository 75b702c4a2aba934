package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real SpringApplication the way `java -jar lux.jar
 * --spring.profiles.active=prod` does, with the app's config files and every module's
 * environment post-processors, over an empty configuration class so the check is what
 * decides (no port, no database needed).
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileStartupTest {

    private static final String PASSWORD = ProductionSettingsTest.PASSWORD;

    private static final String SIGNING_KEY = ProductionSettingsTest.SIGNING_KEY;

    @Configuration(proxyBeanMethods = false)
    static class Nothing {

    }

    @Test
    void prodWithNoSettingsRefusesToStartAndSaysWhatIsMissing(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--MicrosoftAppPassword=" + PASSWORD))
            .isInstanceOfSatisfying(ProductionSettingsMissingException.class, e -> {
                assertThat(e.problems()).hasSize(5);
                // The H2 default from core and the localhost default from core's
                // properties are what prod rejects.
                assertThat(e.getMessage()).contains("MicrosoftAppId is not set", "is a jdbc:h2 URL",
                        "lux.public-base-url (LUX_PUBLIC_BASE_URL) is not set", "lux.tracking.signing-key",
                        "lux.mail.transport (LUX_MAIL_TRANSPORT) is not set (outbox)");
            });
        assertThat(output)
            .contains("APPLICATION FAILED TO START", "5 setting(s) are missing or wrong", "docs/deployment.md")
            .doesNotContain(PASSWORD);
    }

    @Test
    void prodWithEverySettingPassesTheCheckAndStarts(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(complete())) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("prod");
            assertThat(context.isActive()).isTrue();
        }
        assertThat(output).doesNotContain(PASSWORD, SIGNING_KEY);
    }

    @Test
    void withoutTheProdProfileNothingIsRequired() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.isActive()).isTrue();
        }
    }

    private static String[] complete() {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=prod",
                "--MicrosoftAppId=1b2c3d4e-5f60-4711-8899-aabbccddeeff", "--MicrosoftAppPassword=" + PASSWORD,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
                "--lux.public-base-url=https://lux.contoso.com", "--lux.tracking.signing-key=" + SIGNING_KEY,
                "--lux.mail.transport=graph"));
        return args.toArray(String[]::new);
    }

    private static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }

}
