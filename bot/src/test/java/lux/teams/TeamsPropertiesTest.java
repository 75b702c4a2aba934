package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * {@code lux.teams.connector-deadline}: 30 s unless set; a deadline under a second (or
 * none) stops the start.
 */
class TeamsPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TeamsProperties.class)
    static class Bind {

    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
        .withUserConfiguration(Bind.class);

    @Test
    void theConnectorDeadlineIsThirtySecondsByDefault() {
        runner.run(context -> assertThat(context.getBean(TeamsProperties.class).connectorDeadline())
            .isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void aSetDeadlineIsUsed() {
        runner.withPropertyValues("lux.teams.connector-deadline=45s")
            .run(context -> assertThat(context.getBean(TeamsProperties.class).connectorDeadline())
                .isEqualTo(Duration.ofSeconds(45)));
    }

    @Test
    void aDeadlineUnderOneSecondStopsTheStartAndNamesTheSetting() {
        for (String value : new String[] { "0s", "500ms", "-5s" }) {
            runner.withPropertyValues("lux.teams.connector-deadline=" + value).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("connectorDeadline");
            });
        }
    }

}
