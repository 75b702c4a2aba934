package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionSettingsTest {

    static final String PASSWORD = "bot-secret-Q7~do-not-print";
    static final String SIGNING_KEY = "tracking-key-0123456789abcdefghijklmnopqrstuvwxyz";

    static MockEnvironment complete() {
        return new MockEnvironment().withProperty("MicrosoftAppId", "1b2c3d4e-5f60-4711-8899-aabbccddeeff")
            .withProperty("MicrosoftAppPassword", PASSWORD)
            .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/lux")
            .withProperty("lux.public-base-url", "https://lux.contoso.com")
            .withProperty("lux.tracking.signing-key", SIGNING_KEY)
            .withProperty("lux.mail.transport", "graph");
    }

    @Test
    void aCompleteProductionConfigurationHasNoProblems() {
        assertThat(ProductionSettings.problems(complete())).isEmpty();
        assertThat(ProductionSettings.problems(complete().withProperty("lux.mail.transport", "smtp"))).isEmpty();
    }

    @Test
    void aManagedIdentityOrACertificateBotNeedsNoPassword() {
        assertThat(ProductionSettings.problems(complete().withProperty("MicrosoftAppPassword", "")
            .withProperty("MicrosoftAppType", "UserAssignedMSI"))).isEmpty();
        assertThat(ProductionSettings.problems(complete().withProperty("MicrosoftAppPassword", "")
            .withProperty("MicrosoftAppType", "SingleTenant")
            .withProperty("lux.teams.certificate-path", "/etc/lux/bot.pfx"))).isEmpty();
        assertThat(ProductionSettings.problems(
                complete().withProperty("MicrosoftAppPassword", "").withProperty("MicrosoftAppType", "SingleTenant")))
            .singleElement()
            .asString()
            .startsWith("MicrosoftAppPassword is not set")
            .contains("lux.teams.certificate-path", "UserAssignedMSI");
    }

    @Test
    void nothingConfiguredListsAllSixSettingsInOneGo() {
        List<String> problems = ProductionSettings.problems(new MockEnvironment());
        assertThat(problems).hasSize(6);
        assertThat(String.join("\n", problems)).contains("MicrosoftAppId is not set", "MicrosoftAppPassword is not set",
                "spring.datasource.url (SPRING_DATASOURCE_URL) is not set",
                "lux.public-base-url (LUX_PUBLIC_BASE_URL) is not set",
                "lux.tracking.signing-key (LUX_TRACKING_SIGNING_KEY) is not set",
                "lux.mail.transport (LUX_MAIL_TRANSPORT) is not set (outbox)");
    }

    @Test
    void developmentDefaultsAreEachNamedWithWhatIsWrong() {
        List<String> problems = ProductionSettings.problems(complete().withProperty("MicrosoftAppId", "my-bot")
            .withProperty("spring.datasource.url", "jdbc:h2:file:./data/lux;MODE=PostgreSQL")
            .withProperty("lux.public-base-url", "http://localhost:3978")
            .withProperty("lux.mail.transport", "outbox"));
        assertThat(problems).containsExactly(
                "MicrosoftAppId is not a GUID: copy the Microsoft App ID from the Azure Bot's Configuration page",
                "spring.datasource.url (SPRING_DATASOURCE_URL) is a jdbc:h2 URL: production needs PostgreSQL, e.g. jdbc:postgresql://db.internal:5432/lux",
                "lux.public-base-url (LUX_PUBLIC_BASE_URL) is http://localhost:3978: tracking and unsubscribe links need the https address recipients reach LUX at, e.g. https://lux.example.com",
                "lux.mail.transport (LUX_MAIL_TRANSPORT) is 'outbox': the outbox keeps mail inside LUX; set graph (Microsoft Graph sendMail) or smtp");
    }

    @Test
    void secretsAreNeverRepeatedInTheProblems() {
        String shortKey = "short-secret-key";
        List<String> problems = ProductionSettings
            .problems(complete().withProperty("lux.tracking.signing-key", shortKey)
                .withProperty("spring.datasource.url", "jdbc:mysql://db:3306/lux?user=lux&password=db-Secret-42")
                .withProperty("lux.public-base-url", "http://admin:url-Secret-7@lux.contoso.com/"));
        String text = String.join("\n", problems);
        assertThat(problems).hasSize(3);
        assertThat(text).contains("lux.tracking.signing-key (LUX_TRACKING_SIGNING_KEY) is too short",
                "is a jdbc:mysql URL", "is http://lux.contoso.com:");
        assertThat(text).doesNotContain(shortKey, "db-Secret-42", "url-Secret-7", PASSWORD);
    }

    @Test
    void anUndefinedPlaceholderIsReportedNotThrown() {
        List<String> problems = ProductionSettings
            .problems(complete().withProperty("MicrosoftAppPassword", "${BOT_SECRET}"));
        assertThat(problems).anyMatch(p -> p.startsWith("MicrosoftAppPassword refers to a ${placeholder}"));
    }

}
