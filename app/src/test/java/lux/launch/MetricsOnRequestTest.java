package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Which configurations ask for metrics; the whole start with and without them is
 * lux.endtoend.MetricsOnRequestTest.
 */
class MetricsOnRequestTest {

    private static final String[] AUTO_CONFIGURATIONS = {
            "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration", null };

    @Test
    void byDefaultOnlyMetricsAndObservationAreLeftOut() {
        assertThat(filter(new MockEnvironment())).containsExactly(false, false, true, true, true);
        assertThat(
                filter(new MockEnvironment().withProperty("management.endpoints.web.exposure.include", "health,info")))
            .containsExactly(false, false, true, true, true);
    }

    @Test
    void anExposedMetricsOrPrometheusEndpointKeepsThem() {
        for (String include : new String[] { "health,metrics", " health , METRICS ", "*", "prometheus" }) {
            assertThat(filter(new MockEnvironment().withProperty("management.endpoints.web.exposure.include", include)))
                .as(include)
                .containsOnly(true);
        }
        assertThat(filter(new MockEnvironment().withProperty("management.endpoints.jmx.exposure.include", "metrics")))
            .containsOnly(true);
        // a YAML list binds as indexed properties
        assertThat(filter(new MockEnvironment().withProperty("management.endpoints.web.exposure.include[0]", "health")
            .withProperty("management.endpoints.web.exposure.include[1]", "metrics"))).containsOnly(true);
    }

    @Test
    void anEnvironmentVariableCountsAsOperatorsSetThem() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,metrics")));
        // as SpringApplication does before any configuration class is read
        ConfigurationPropertySources.attach(environment);
        MetricsOnRequest filter = new MetricsOnRequest();
        filter.setEnvironment(environment);
        assertThat(filter.match(AUTO_CONFIGURATIONS, null)).containsOnly(true);
    }

    @Test
    void luxMetricsEnabledDecidesWhenSet() {
        assertThat(filter(new MockEnvironment().withProperty("lux.metrics.enabled", "true"))).containsOnly(true);
        assertThat(filter(new MockEnvironment().withProperty("lux.metrics.enabled", "false")
            .withProperty("management.endpoints.web.exposure.include", "*")))
            .containsExactly(false, false, true, true, true);
    }

    private static boolean[] filter(MockEnvironment environment) {
        MetricsOnRequest filter = new MetricsOnRequest();
        filter.setEnvironment(environment);
        return filter.match(AUTO_CONFIGURATIONS, null);
    }

}
