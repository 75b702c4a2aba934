package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import lux.testsupport.DatabaseCleaner;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One Teams user's chat with the bot on the whole road (JUnit 5 extension, for a
 * {@code RANDOM_PORT} test: {@code @RegisterExtension static final TeamsChat teams}):
 * activities posted to /api/messages, and what LUX sent back as the loopback
 * {@link FakeConnector} received it. Before each test the database is empty (the test's
 * own {@code @BeforeEach} fills it); as the test starts the connector has received
 * nothing. Posting waits for the turn, so its replies are there when it returns.
 */
final class TeamsChat implements BeforeEachCallback, BeforeTestExecutionCallback, AfterAllCallback {

    static final String CONVERSATION = "conv-1";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String aadObjectId;

    private final FakeConnector connector = FakeConnector.start();

    private ApplicationContext context;

    /** The user Teams knows by {@code aadObjectId}, in conversation "conv-1". */
    TeamsChat(String aadObjectId) {
        this.aadObjectId = aadObjectId;
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        context = SpringExtension.getApplicationContext(extension);
        DatabaseCleaner.clean(context.getBean(JdbcTemplate.class));
    }

    @Override
    public void beforeTestExecution(ExtensionContext extension) {
        connector.clear(); // what the test's own set-up made LUX send is not the test's
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        connector.close();
    }

    FakeConnector connector() {
        return connector;
    }

    /** The user writes {@code text} in "conv-1". */
    void say(String text) throws Exception {
        post(message(text));
    }

    /**
     * The user writes {@code text} in "conv-1" from a Teams client set to {@code locale}.
     */
    void say(String text, String locale) throws Exception {
        ObjectNode activity = message(text);
        activity.put("locale", locale);
        post(activity);
    }

    /** The message activity Teams would post for {@code text} in "conv-1". */
    ObjectNode message(String text) {
        return message(CONVERSATION, text);
    }

    ObjectNode message(String conversation, String text) {
        return Activities.message(connector.serviceUrl(), conversation, aadObjectId, text);
    }

    /**
     * The user presses a button on the card {@code card} carried: a submit with
     * {@code value}.
     */
    void press(FakeConnector.Call card, ObjectNode value) throws Exception {
        post(submit(CONVERSATION, card, value));
    }

    /** The user presses a button on the card LUX sent as activity {@code replyToId}. */
    void press(String replyToId, ObjectNode value) throws Exception {
        post(Activities.submit(connector.serviceUrl(), CONVERSATION, aadObjectId, replyToId, value));
    }

    /**
     * The user presses Confirm on the card {@code card} carried (the submit sends its
     * nonce).
     */
    void confirm(FakeConnector.Call card) throws Exception {
        press(card, Activities.value().put("action", "confirm").put("nonce", nonce(card.card())));
    }

    ObjectNode submit(String conversation, FakeConnector.Call card, ObjectNode value) {
        return Activities.submit(connector.serviceUrl(), conversation, aadObjectId, card.responseId(), value);
    }

    /**
     * Posts an activity to /api/messages as the Bot Connector would; LUX takes it (200).
     */
    void post(ObjectNode activity) throws Exception {
        assertThat(send(activity.toString()).statusCode()).as("LUX takes the activity").isEqualTo(200);
    }

    /**
     * Posts any body to /api/messages and answers LUX's response, whatever its status.
     */
    HttpResponse<String> send(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Where LUX listens in this test (its random port on loopback). */
    String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    /**
     * Messages (not typing) LUX sent since the test started or the last {@link #clear()}.
     */
    List<FakeConnector.Call> messages() {
        return connector.messages();
    }

    /** The lines of text of those messages, empty ones left out. */
    List<String> texts() {
        return messages().stream().map(FakeConnector.Call::text).filter(t -> t != null && !t.isEmpty()).toList();
    }

    /** The cards of those messages, in order. */
    List<JsonNode> cards() {
        return messages().stream().map(FakeConnector.Call::card).filter(Objects::nonNull).toList();
    }

    /** The first message that carried a card (what a button press replies to). */
    FakeConnector.Call firstCardMessage() {
        return messages().stream()
            .filter(c -> c.card() != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("LUX sent no card; messages: " + messages()));
    }

    /** Forgets what LUX sent so far: the next assertions see only what comes next. */
    void clear() {
        connector.clear();
    }

    /** A card's first line (its title). */
    static String title(JsonNode card) {
        return card.path("body").get(0).path("text").asText();
    }

    /** The Confirm nonce a card's first button carries. */
    static String nonce(JsonNode card) {
        return card.path("actions").get(0).path("data").path("nonce").asText();
    }

}
