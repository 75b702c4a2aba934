package lux.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.teams.testsupport.BotConnectorDouble;
import lux.teams.testsupport.CardFacts;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.TestDatabase;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One marketer's request down the whole road, over real HTTP against the started
 * application on PostgreSQL: a Teams message, the model (a scripted OpenAI-compatible
 * double) drafting, building and asking to schedule a campaign, the Confirm button, the
 * scheduler, the outbox, the recipient opening the mail in Outlook, and the stats card in
 * Teams. The Bot Connector is a loopback double; nothing inside LUX is replaced.
 */
@DatabaseTest
@EnabledIfSystemProperty(named = "lux.test.db", matches = "postgres",
        disabledReason = "the whole road runs in the PostgreSQL run")
class WholeRoadTest {

    static final String CONVERSATION = "conv-road";
    static final String OUTLOOK = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern OPEN = Pattern.compile("/t/o/([A-Za-z0-9_-]+)");

    @Test
    void aMessageInTeamsEndsAsAnOpenCountedOnTheStatsCard() throws Exception {
        assertThat(TestDatabase.postgres()).isTrue();
        try (ScriptedModel model = new ScriptedModel();
                BotConnectorDouble teams = new BotConnectorDouble();
                LuxInstance lux = LuxInstance.start("lux.ai.api-key=sk-road-test", "lux.ai.base-url=" + model.baseUrl(),
                        "lux.delivery.enabled=true", "lux.delivery.tick=300ms", "lux.delivery.limits.enabled=false",
                        "lux.mail.transport=outbox", "lux.public-base-url=http://lux.example.com",
                        // the open comes a moment after sending; here that is no sign of
                        // a scanner
                        "lux.tracking.machine.after-delivery=0s")) {
            JdbcTemplate jdbc = lux.bean(JdbcTemplate.class);
            DatabaseCleaner.clean(jdbc);
            // local mode acts as the first admin; she has two contacts tagged vip
            lux.bean(UserService.class).create(new NewUser("ada@lux.test", "Ada", null, Role.ADMIN), Actor.system());
            ContactService contacts = lux.bean(ContactService.class);
            contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, Set.of("vip"), null),
                    Actor.system());
            contacts.create(new NewContact("ben@example.com", "Ben", null, null, null, Set.of("vip"), null),
                    Actor.system());

            // 1. Teams message -> the model drafts, builds and asks to schedule: a
            // Confirm card, nothing scheduled yet
            model.toolCall("draftTemplate",
                    """
                            {"name":"Autumn news","subject":"{{ contact.first_name }}, our autumn news",
                             "htmlBody":"<p>Hi {{ contact.first_name }},</p><p>Read <a href=\\"https://example.org/autumn\\">the news</a>.</p>"}""")
                .toolCall("buildCampaign", """
                        {"name":"Autumn","templateName":"Autumn news","anyOfTags":["vip"]}""")
                .toolCall("scheduleCampaign", """
                        {"campaignName":"Autumn","when":"now"}""")
                .text("The autumn news is ready for your 2 VIP contacts; press Confirm to send it.");
            assertThat(lux
                .postActivity(TeamsActivities.message(teams.serviceUrl(), CONVERSATION,
                        "send our autumn news to the vip list now"))
                .statusCode()).isEqualTo(200);
            BotConnectorDouble.Call confirmCall = await(teams, 0, call -> call.body().contains("\"nonce\""));
            JsonNode confirmCard = card(confirmCall);
            String nonce = confirmCard.findValue("nonce").asText();
            assertThat(model.requests()).hasSize(4);
            assertThat(ScriptedModel.toolResults(model.requests().get(3))).last()
                .asString()
                .contains("NOTHING is scheduled yet");
            assertThat(status(jdbc)).isEqualTo("DRAFT");

            // 2. Confirm on the card -> scheduled for now; the scheduler sends through
            // the outbox
            int before = teams.calls().size();
            lux.postActivity(TeamsActivities.submit(teams.serviceUrl(), CONVERSATION, confirmCall.responseId(),
                    TeamsActivities.value().put("action", "confirm").put("nonce", nonce)));
            await(teams, before, call -> call.method().equals("PUT")
                    && call.path().endsWith("/" + confirmCall.responseId()) && call.body().contains("Confirmed"));
            awaitTrue(() -> "SENT".equals(status(jdbc)), "the campaign is sent");
            assertThat(jdbc.queryForList("SELECT recipient FROM outbox_message ORDER BY recipient", String.class))
                .containsExactly("ana@example.com", "ben@example.com");
            // the owner hears it in Teams, as a progress card and a message
            await(teams, before, call -> call.body().contains("has finished sending: 2 sent"));

            // 3. Ana opens the mail in Outlook: the pixel, fetched over HTTP, counts as a
            // human open
            String html = jdbc.queryForObject(
                    "SELECT html_body FROM outbox_message WHERE recipient = 'ana@example.com'", String.class);
            assertThat(html).contains("Hi Ana");
            Matcher open = OPEN.matcher(html);
            assertThat(open.find()).as("the mail carries an open pixel").isTrue();
            var pixel = lux.get("/t/o/" + open.group(1), "User-Agent", OUTLOOK);
            assertThat(pixel.statusCode()).isEqualTo(200);
            assertThat(pixel.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/"));
            awaitTrue(() -> jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event", Integer.class) > 0,
                    "the open is recorded");

            // 4. "how did it do?" -> the model reports stats -> the stats card in Teams
            // counts Ana's open
            model.toolCall("reportStats", "{\"campaignName\":\"Autumn\"}").text("Here are the numbers for Autumn.");
            before = teams.calls().size();
            lux.postActivity(TeamsActivities.message(teams.serviceUrl(), CONVERSATION, "how did the autumn news do?"));
            JsonNode stats = card(await(teams, before, call -> call.body().contains("Stats: Autumn")));
            assertThat(CardFacts.fact(stats, "Sent (accepted)")).isEqualTo("2");
            assertThat(CardFacts.fact(stats, "Delivered")).startsWith("2 ");
            assertThat(CardFacts.fact(stats, "Opened (people)")).startsWith("1 (");
            assertThat(CardFacts.fact(stats, "Machine-only opens")).startsWith("0 ");
            assertThat(ScriptedModel.toolResults(model.requests().get(model.requests().size() - 1))).last()
                .asString()
                .contains("\"sent\":2", "\"humanOpens\":1");
        }
    }

    private static String status(JdbcTemplate jdbc) {
        List<String> found = jdbc.queryForList("SELECT status FROM campaign WHERE name = 'Autumn'", String.class);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The Adaptive Card an activity carries. */
    private static JsonNode card(BotConnectorDouble.Call call) throws Exception {
        return JSON.readTree(call.body()).path("attachments").get(0).path("content");
    }

    private static BotConnectorDouble.Call await(BotConnectorDouble teams, int before,
            Predicate<BotConnectorDouble.Call> wanted) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            List<BotConnectorDouble.Call> calls = teams.calls();
            for (BotConnectorDouble.Call call : calls.subList(before, calls.size())) {
                if (wanted.test(call)) {
                    return call;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No such call to the Bot Connector within " + WAIT + "; calls: " + teams.calls());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not within " + WAIT + ": " + what);
    }

}
