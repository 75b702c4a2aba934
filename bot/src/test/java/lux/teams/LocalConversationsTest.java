package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lux.audit.Actor;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Conversations through /api/messages in local mode, read back from the fake Bot
 * Connector: one welcome per conversation however many install events arrive, every
 * command the Teams manifest offers is understood, and contact lists and stats asked for
 * in a group chat or channel are answered in the user's personal chat.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms", "lux.teams.send-attempts=1" })
class LocalConversationsTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000ee";
    static final String NOT_UNDERSTOOD = "Sorry, I did not understand that.";

    @RegisterExtension
    static final TeamsChat teams = new TeamsChat(AAD);

    static final FakeConnector connector = teams.connector();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @BeforeEach
    void anAdmin() {
        users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system());
    }

    @Test
    void anInstallIsGreetedOnceAlthoughTeamsAnnouncesItTwice() throws Exception {
        teams.send(userAdded("conv-install").toString());
        teams.send(installed("conv-install").toString());
        assertThat(welcomes()).hasSize(1);

        // again, as after a restart or on a second instance: the database remembers
        teams.send(installed("conv-install").toString());
        teams.send(userAdded("conv-install").toString());
        assertThat(welcomes()).hasSize(1);
        assertThat(jdbc.queryForList("SELECT conversation_id FROM teams_welcome", String.class))
            .containsExactly("conv-install");

        teams.send(installed("conv-other").toString());
        assertThat(welcomes()).hasSize(2);
    }

    @Test
    void aWelcomeThatCouldNotBeSentIsTriedAgainOnTheNextInstallEvent() throws Exception {
        connector.failNext(403);
        teams.send(userAdded("conv-flaky").toString());
        assertThat(welcomes()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM teams_welcome", Integer.class)).isZero();

        teams.send(installed("conv-flaky").toString());
        assertThat(welcomes()).hasSize(1);
    }

    @Test
    void everyCommandTheManifestOffersIsUnderstood() throws Exception {
        JsonNode manifest = new ObjectMapper()
            .readTree(Files.readString(Path.of("../manifests/src/main/teams/manifest.template.json")));
        List<String> titles = new ArrayList<>();
        manifest.path("bots")
            .forEach(bot -> bot.path("commandLists")
                .forEach(list -> list.path("commands").forEach(c -> titles.add(c.path("title").asText()))));
        assertThat(titles).contains("help", "new campaign", "stats", "import");
        for (String title : titles) {
            connector.clear();
            teams.post(teams.message("conv-commands", title)); // and LUX answers the post
                                                               // with 200
            assertThat(connector.messages()).as(title).isNotEmpty();
            assertThat(connector.messages()).as(title)
                .noneSatisfy(m -> assertThat(m.text()).startsWith(NOT_UNDERSTOOD));
        }
        // and the check above can fail: a command LUX does not know gets exactly that
        // answer
        connector.clear();
        teams.post(teams.message("conv-commands", "campaign launch"));
        assertThat(connector.messages().get(0).text()).startsWith(NOT_UNDERSTOOD);
    }

    @Test
    void contactsAskedForInAGroupChatAreListedInThePersonalChatOnly() throws Exception {
        teams.post(group("contacts add ana@example.com ben@example.org tag:vip"));
        assertThat(connector.messages()).singleElement().satisfies(m -> {
            assertThat(m.path()).contains("/conversations/group-1/");
            assertThat(m.text()).contains("Added 2 contacts");
        });

        connector.clear();
        teams.post(group("contacts find tag:vip"));
        FakeConnector.Call opened = connector.calls()
            .stream()
            .filter(c -> c.path().endsWith("/v3/conversations"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("LUX opened no personal chat: " + connector.calls()));
        assertThat(opened.body().path("isGroup").asBoolean()).isFalse();
        assertThat(opened.body().path("members").get(0).path("id").asText()).isEqualTo("29:user-" + AAD);
        assertThat(opened.body().path("tenantId").asText()).isEqualTo(Activities.TENANT);
        String personal = opened.responseId();
        assertThat(inConversation("group-1")).extracting(FakeConnector.Call::text)
            .containsExactly(PrivateChat.ANSWERED);
        assertThat(inConversation("group-1").toString()).doesNotContain("ana@example.com");
        assertThat(inConversation(personal).toString()).contains("ana@example.com", "ben@example.org");
        assertThat(jdbc.queryForList(
                "SELECT conversation_id FROM teams_conversation WHERE conversation_type = 'personal'", String.class))
            .containsExactly(personal);

        // next time the personal chat LUX knows is used; nothing new is opened
        connector.clear();
        teams.post(channel("contacts count tag:vip"));
        assertThat(connector.calls()).noneMatch(c -> c.path().endsWith("/v3/conversations"));
        assertThat(inConversation(personal)).extracting(FakeConnector.Call::text)
            .anySatisfy(t -> assertThat(t).contains("2"));
        assertThat(inConversation("channel-1")).extracting(FakeConnector.Call::text)
            .containsExactly(PrivateChat.ANSWERED);

        // what is not private stays where it was asked
        connector.clear();
        teams.post(group("help"));
        assertThat(connector.messages()).isNotEmpty()
            .allSatisfy(m -> assertThat(m.path()).contains("/conversations/group-1/"));
    }

    @Test
    void anImportAskedForInAChannelReportsItsRefusedRowsInThePersonalChat() throws Exception {
        teams.post(teams.message("conv-mine", "help"));
        String url = connector.serveFile("/files/list.csv", "email\nzoe@example.com\nnot-an-email\n");
        ObjectNode upload = channel(null);
        upload.putArray("attachments")
            .addObject()
            .put("contentType", "text/csv")
            .put("contentUrl", url)
            .put("name", "list.csv");
        teams.post(upload);
        connector.clear();
        teams.post(channel("import"));
        FakeConnector.Call result = connector.await(
                c -> c.card() != null && c.card().toString().contains("Import finished"),
                java.time.Duration.ofSeconds(20));
        assertThat(result.path()).contains("/conversations/conv-mine/");
        assertThat(result.card().toString()).contains("not-an-email");
        assertThat(inConversation("conv-mine")).extracting(FakeConnector.Call::text)
            .anySatisfy(t -> assertThat(t).contains("list.csv"));
        assertThat(inConversation("channel-1")).extracting(FakeConnector.Call::text)
            .containsExactly(PrivateChat.ANSWERED);
        assertThat(connector.calls()).noneMatch(c -> c.path().endsWith("/v3/conversations"));
    }

    @Test
    void aPersonalChatAnswersInPlace() throws Exception {
        teams.post(teams.message("conv-personal", "contacts add cy@example.com"));
        connector.clear();
        teams.post(teams.message("conv-personal", "contacts find cy@"));
        assertThat(connector.calls()).noneMatch(c -> c.path().endsWith("/v3/conversations"));
        assertThat(inConversation("conv-personal").toString()).contains("cy@example.com");
    }

    private List<FakeConnector.Call> inConversation(String id) {
        return connector.messages().stream().filter(c -> c.path().contains("/conversations/" + id + "/")).toList();
    }

    private List<FakeConnector.Call> welcomes() {
        return connector.messages()
            .stream()
            .filter(c -> c.card() != null && c.card().toString().contains("Welcome to LUX"))
            .toList();
    }

    private static ObjectNode group(String text) {
        ObjectNode a = teams.message("group-1", text);
        ((ObjectNode) a.path("conversation")).put("conversationType", "groupChat").put("isGroup", true);
        return a;
    }

    private static ObjectNode channel(String text) {
        ObjectNode a = teams.message("channel-1", text);
        ((ObjectNode) a.path("conversation")).put("conversationType", "channel").put("isGroup", true);
        return a;
    }

    private static ObjectNode userAdded(String conversationId) {
        ObjectNode a = teams.message(conversationId, null);
        a.put("type", "conversationUpdate");
        a.putArray("membersAdded").addObject().put("id", "29:user-" + AAD);
        a.withArray("membersAdded").addObject().put("id", "28:lux-bot");
        return a;
    }

    private static ObjectNode installed(String conversationId) {
        ObjectNode a = teams.message(conversationId, null);
        a.put("type", "installationUpdate");
        a.put("action", "add");
        return a;
    }

}
