package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.micrometer.observation.ObservationRegistry;
import lux.LuxApplication;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.metrics.MetricsEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The whole application with and without metrics asked for (MetricsOnRequest): exposing
 * the metrics endpoint by configuration alone still brings the endpoint, the registry,
 * the observation of requests and the JVM, Hikari and HTTP server meters; with only
 * health exposed none of them is built.
 */
class MetricsOnRequestStartTest {

    static int health(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    @Nested
    @DatabaseTest
    @SpringBootTest(classes = LuxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false",
                    "management.endpoints.web.exposure.include=health,metrics" })
    class MetricsExposed {

        @Autowired
        ApplicationContext context;

        @LocalServerPort
        int port;

        @Test
        void theMetricsEndpointAndItsMetersAreThere() throws Exception {
            assertThat(health(port)).isEqualTo(200);
            assertThat(context.getBeanProvider(MeterRegistry.class).getIfAvailable()).isNotNull();
            assertThat(context.getBeanProvider(ObservationRegistry.class).getIfAvailable()).isNotNull();
            assertThat(context.getBean(MetricsEndpoint.class).listNames().getNames()).contains("jvm.memory.used",
                    "hikaricp.connections", "http.server.requests");
        }

    }

    @Nested
    @DatabaseTest
    @SpringBootTest(classes = LuxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false" })
    class OnlyHealthExposed {

        @Autowired
        ApplicationContext context;

        @LocalServerPort
        int port;

        @Test
        void noMetricsAreBuilt() throws Exception {
            assertThat(health(port)).isEqualTo(200);
            assertThat(context.getBeanProvider(MeterRegistry.class).getIfAvailable()).isNull();
            assertThat(context.getBeanProvider(ObservationRegistry.class).getIfAvailable()).isNull();
            assertThat(context.getBeanProvider(MetricsEndpoint.class).getIfAvailable()).isNull();
        }

    }

}
