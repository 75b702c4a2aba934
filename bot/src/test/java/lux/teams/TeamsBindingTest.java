package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import lux.teams.testsupport.BotFrameworkDouble;
import lux.audit.Actor;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Teams mode: a correctly signed channel token is not enough. The activity must come from
 * the msteams channel, from this organisation's tenant (MicrosoftAppTenantId or
 * lux.teams.allowed-tenants) and name a Teams serviceUrl; anything else is 403 and leaves
 * nothing in the database. Tokens are signed by the loopback OpenID double.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.allowed-tenants=0f0f0f0f-1111-4222-8333-944455556666" })
class TeamsBindingTest {

    static final String APP_ID = "6f1f3e0a-1111-4222-8333-944455556666";
    static final String TEAMS = "https://smba.trafficmanager.net/emea/";
    static final String OTHER_ALLOWED_TENANT = "0f0f0f0f-1111-4222-8333-944455556666";
    static final String AAD = "00000000-0000-0000-0000-0000000000dd";

    // endorsed for the Emulator too, so a non-Teams channel reaches the channel check
    // instead of failing the key
    static final BotFrameworkDouble openId = new BotFrameworkDouble("msteams", "emulator");
    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ConversationStore conversations;

    long userId;

    @DynamicPropertySource
    static void teamsMode(DynamicPropertyRegistry registry) {
        registry.add("MicrosoftAppId", () -> APP_ID);
        registry.add("MicrosoftAppPassword", () -> "test-secret-not-used");
        registry.add("MicrosoftAppTenantId", () -> Activities.TENANT);
        registry.add("lux.teams.openid-metadata-url", openId::metadataUrl);
    }

    @AfterAll
    static void stop() {
        openId.close();
    }

    @BeforeEach
    void cleanSlate() {
        DatabaseCleaner.clean(jdbc);
        userId = users.create(new NewUser("ana@lux.test", "Ana", null, Role.ADMIN), Actor.system()).getId();
        users.linkTeamsIdentity(userId, AAD, Actor.system());
    }

    @Test
    void theBotsOwnTenantAndAnAllowedTenantOnTeamsArePassedToTheBot() throws Exception {
        assertThat(post(TEAMS, botAdded(TEAMS)).statusCode()).isEqualTo(200);
        ObjectNode other = botAdded(TEAMS);
        tenant(other, OTHER_ALLOWED_TENANT);
        assertThat(post(TEAMS, other).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherChannelIsRefusedAndNothingIsStored() throws Exception {
        // The signing key is endorsed for msteams and emulator: an emulator activity
        // passes authentication and
        // meets the gate; channels the key is not endorsed for are already refused by
        // authentication (401).
        ObjectNode emulator = userAdded(TEAMS);
        emulator.put("channelId", "emulator");
        HttpResponse<String> response = post(TEAMS, emulator);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Microsoft Teams only", "lux.teams.channels");
        for (String channel : new String[] { "webchat", "directline", "slack", "" }) {
            ObjectNode activity = userAdded(TEAMS);
            activity.put("channelId", channel);
            assertThat(post(TEAMS, activity).statusCode()).as(channel).isIn(401, 403);
        }
        assertNothingStored();
    }

    @Test
    void aForeignTenantIsRefusedAndNothingIsStored() throws Exception {
        ObjectNode foreign = userAdded(TEAMS);
        tenant(foreign, "deadbeef-0000-4000-8000-000000000000");
        HttpResponse<String> response = post(TEAMS, foreign);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("another organisation");

        ObjectNode none = userAdded(TEAMS);
        none.remove("channelData");
        ((ObjectNode) none.path("conversation")).remove("tenantId");
        assertThat(post(TEAMS, none).statusCode()).isEqualTo(403);

        // the allowed tenant in channelData, a foreign one in the conversation: which is
        // it? Neither.
        ObjectNode mixed = userAdded(TEAMS);
        ((ObjectNode) mixed.path("conversation")).put("tenantId", "deadbeef-0000-4000-8000-000000000000");
        assertThat(post(TEAMS, mixed).statusCode()).isEqualTo(403);
        assertNothingStored();
    }

    @Test
    void aServiceUrlOutsideTeamsIsRefusedEvenWithAMatchingToken() throws Exception {
        for (String url : new String[] { "https://evil.example/", "http://smba.trafficmanager.net/emea/",
                "https://smba.trafficmanager.net.evil.example/", "https://user@smba.trafficmanager.net/emea/",
                "http://127.0.0.1:9/", "https://169.254.169.254/" }) {
            // the channel signed this serviceUrl into the token, so authentication
            // passes; the allow-list does not
            HttpResponse<String> response = post(url, userAdded(url));
            assertThat(response.statusCode()).as(url).isEqualTo(403);
            assertThat(response.body()).contains("lux.teams.service-url-hosts");
        }
        assertNothingStored();
    }

    @Test
    void aReferenceOutsideTheAllowListIsNeverStored() {
        conversations.saveReference(userId, reference("https://evil.example/", "conv-evil"), ZoneId.of("UTC"));
        assertNothingStored();
        conversations.saveReference(userId, reference(TEAMS, "conv-teams"), ZoneId.of("UTC"));
        assertThat(jdbc.queryForList("SELECT conversation_id FROM teams_conversation", String.class))
            .containsExactly("conv-teams");
    }

    private void assertNothingStored() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM teams_conversation", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM teams_welcome", Integer.class)).isZero();
    }

    private static ConversationReference reference(String serviceUrl, String conversationId) {
        ConversationReference reference = new ConversationReference();
        reference.setServiceUrl(serviceUrl);
        reference.setChannelId("msteams");
        reference.setConversation(new ConversationAccount(conversationId));
        return reference;
    }

    private static void tenant(ObjectNode activity, String tenant) {
        ((ObjectNode) activity.path("channelData").path("tenant")).put("id", tenant);
        ((ObjectNode) activity.path("conversation")).put("tenantId", tenant);
    }

    /**
     * Adds only the bot: LUX answers nothing, so no outgoing call (and no outbound token)
     * is needed.
     */
    private static ObjectNode botAdded(String serviceUrl) {
        ObjectNode a = Activities.message(serviceUrl, "conv-binding", AAD, null);
        a.put("type", "conversationUpdate");
        a.putArray("membersAdded").addObject().put("id", "28:lux-bot");
        return a;
    }

    /**
     * A linked user joins: if it reached the bot, LUX would store the conversation and
     * greet.
     */
    private static ObjectNode userAdded(String serviceUrl) {
        ObjectNode a = Activities.message(serviceUrl, "conv-binding", AAD, null);
        a.put("type", "conversationUpdate");
        a.putArray("membersAdded").addObject().put("id", "29:user-" + AAD).put("aadObjectId", AAD);
        return a;
    }

    private HttpResponse<String> post(String tokenServiceUrl, ObjectNode activity) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + openId.token(APP_ID, tokenServiceUrl).sign())
            .POST(HttpRequest.BodyPublishers.ofString(activity.toString()))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

}
