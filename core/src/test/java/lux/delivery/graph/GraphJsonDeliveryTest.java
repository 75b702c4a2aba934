package lux.delivery.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Graph delivery with {@code lux.graph.send-format=json}: Graph's JSON message, HTML
 * body, x- headers only.
 */
@DatabaseTest
// this run also covers lux.delivery.resend-unknown=true (the MIME run the default, false)
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.delivery.resend-unknown=true")
@Import(GraphDeliveryTest.Doubles.class)
@RecordApplicationEvents
class GraphJsonDeliveryTest extends GraphDeliveryTest {

    static final WireMockServer GRAPH = new WireMockServer(options().dynamicPort().dynamicHttpsPort());

    static {
        GRAPH.start();
    }

    @DynamicPropertySource
    static void json(DynamicPropertyRegistry registry) {
        graphSettings(registry, GRAPH, "json");
    }

    @AfterAll
    static void stop() {
        GRAPH.stop();
    }

    @Override
    WireMockServer graph() {
        return GRAPH;
    }

    @Override
    MappingBuilder wellFormed(MappingBuilder request, String address) {
        MappingBuilder json = request.withHeader("Content-Type", containing("application/json"))
            .withRequestBody(matchingJsonPath("$.message.body.contentType", equalTo("HTML")))
            .withRequestBody(matchingJsonPath("$.message.internetMessageHeaders[?(@.name == 'X-LUX-Message-Id')]"));
        return address == null ? json : json
            .withRequestBody(matchingJsonPath("$.message.toRecipients[0].emailAddress.address", equalTo(address)));
    }

    @Override
    void checkWireFormat(List<LoggedRequest> requests) throws Exception {
        // Graph accepts only x- headers in internetMessageHeaders: LUX sends nothing else
        // there
        ObjectMapper json = new ObjectMapper();
        assertThat(requests).isNotEmpty();
        for (LoggedRequest request : requests) {
            JsonNode message = json.readTree(request.getBodyAsString()).path("message");
            assertThat(message.path("internetMessageHeaders")).isNotEmpty()
                .allSatisfy(h -> assertThat(h.path("name").asText().toLowerCase()).startsWith("x-"));
            assertThat(message.path("body").path("content").asText()).contains("/t/c/")
                .contains("/t/o/")
                .contains("/u/");
            assertThat(json.readTree(request.getBodyAsString()).path("saveToSentItems").asBoolean(true)).isFalse();
        }
    }

}
