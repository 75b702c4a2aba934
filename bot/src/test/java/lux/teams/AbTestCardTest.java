package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.abtests.AbMetric;
import lux.abtests.AbMode;
import lux.abtests.AbTestService;
import lux.abtests.NewAbTest;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.tracking.TrackingService;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Issue 22's road in Teams: a marketer asks for an A/B test in chat, confirms it, and
 * watches it happen on one card. Delivery and the A/B clock tick for real (outbox
 * transport), opens come in through the tracking service, and the loopback Bot Connector
 * sees the card posted once, then replaced in place (PUT to the same activity) with new
 * numbers, the p-value, "too close to call" while it is, the choice buttons and the
 * winner. The chat is {@link TeamsChat}'s: it empties the database before each test and
 * forgets what the connector received during the test's own set-up.
 */
@DatabaseTest
@Import(AbTestCardTest.Clocks.class)
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=true", "lux.delivery.tick=200ms", "lux.abtests.tick=200ms",
                "lux.delivery.limits.enabled=false", "lux.teams.progress-update-interval=0s",
                "lux.teams.retry-base=10ms", "lux.public-base-url=http://127.0.0.1:3978" })
@DirtiesContext // ticking schedulers must not outlive this class and send other tests'
                // campaigns
class AbTestCardTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    static final String AAD = "00000000-0000-0000-0000-0000000000ab";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern OPEN_PIXEL = Pattern.compile("/t/o/([A-Za-z0-9_.~-]+)");
    static final String HUMAN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0 Safari/537.36";

    @RegisterExtension
    static final TeamsChat teams = new TeamsChat(AAD);

    static final FakeConnector connector = teams.connector();

    @TestConfiguration
    static class Clocks {

        @Bean
        MutableClock clock() {
            return new MutableClock(NOW);
        }

    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    @Autowired
    AbTestService abTests;

    @Autowired
    OutboxService outbox;

    @Autowired
    TrackingService tracking;

    @Autowired
    MutableClock clock;

    Actor ada;

    long template;

    @BeforeEach
    void adaAndHerContacts() {
        clock.set(NOW);
        var user = users.create(new NewUser("admin@lux.test", "Ada Admin", null, Role.ADMIN), Actor.system());
        ada = new Actor(user.getId(), user.getEmail(), Channel.TEAMS);
        for (int i = 0; i < 100; i++) {
            contacts.create(
                    new NewContact("ab" + i + "@example.net", "N" + i, null, null, Map.of(), Set.of("ab"), "test"),
                    ada);
        }
        template = templates.create(new TemplateContent("Webinar", "Webinar", "<p>Hi</p>", null), ada).id();
    }

    @Test
    void aTestAskedForInChatIsWatchedOnOneCardThatUpdatesInPlaceUntilThePersonPicksTheWinner() throws Exception {
        CampaignView draft = campaigns.create(new NewCampaign("Webinar invite", template, null, tag()), ada);
        teams.say("test \"Last seats\" vs \"Join us Tuesday\" on 20% after 4 hours and let me choose in campaign "
                + "\"Webinar invite\"");
        FakeConnector.Call confirmCard = connector.await(c -> c.card() != null && c.method().equals("POST"), WAIT);
        teams.confirm(confirmCard);

        // the test share leaves; the card appears once every test recipient is counted
        FakeConnector.Call first = awaitAbCard(
                f -> f.get("A: Last seats").startsWith("10 sent") && f.get("B: Join us Tuesday").startsWith("10 sent"));
        String cardId = abCards().get(0).responseId();
        assertThat(abCards().get(0).method()).isEqualTo("POST");
        assertThat(abCards().get(0).path()).startsWith("/v3/conversations/" + TeamsChat.CONVERSATION + "/activities");
        assertThat(TeamsChat.title(first.card())).isEqualTo("A/B test of \"Webinar invite\"");
        assertThat(facts(first.card())).containsEntry("Status", "testing")
            .containsEntry("A: Last seats", "10 sent, 0 opened, 0 clicked: 0.0%");

        // opens come in (people, some minutes after delivery): 1 of A's ten, 2 of B's ten
        clock.advance(Duration.ofMinutes(10));
        open(draft.id(), "Last seats", 1);
        open(draft.id(), "Join us Tuesday", 2);
        // pooled 3/20 = 0.15, SE = sqrt(0.15 x 0.85 x 0.2) = 0.1597, z = 0.1 / 0.1597 =
        // 0.626, two-sided p = 0.531: too close to call
        FakeConnector.Call close = awaitAbCard(f -> f.get("B: Join us Tuesday").contains("2 opened"));
        assertThat(close.method()).isEqualTo("PUT");
        assertThat(close.path()).isEqualTo("/v3/conversations/" + TeamsChat.CONVERSATION + "/activities/" + cardId);
        assertThat(facts(close.card())).containsEntry("A: Last seats", "10 sent, 1 opened, 0 clicked: 10.0%")
            .containsEntry("B: Join us Tuesday", "10 sent, 2 opened, 0 clicked: 20.0%")
            .containsEntry("Verdict", "Too close to call: B 20.0% vs A 10.0%, p = 0.531 (p \\>= 0.05).");

        // six more of B open: 8/10 against 1/10, z = 3.146, p = 0.0017
        open(draft.id(), "Join us Tuesday", 6);
        FakeConnector.Call leads = awaitAbCard(f -> f.get("B: Join us Tuesday").contains("8 opened"));
        assertThat(leads.path()).isEqualTo(close.path());
        assertThat(facts(leads.card())).containsEntry("Verdict", "B wins: B 80.0% vs A 10.0%, p = 0.002.")
            .containsEntry("Status", "testing");
        assertThat(leads.card().has("actions")).isFalse();

        // the wait is over: manual mode asks the person, with a button per variant
        clock.advance(Duration.ofHours(4));
        FakeConnector.Call asks = awaitAbCard(f -> "waiting for your choice".equals(f.get("Status")));
        assertThat(asks.path()).isEqualTo(close.path());
        JsonNode actions = asks.card().path("actions");
        assertThat(actions).extracting(a -> a.path("title").asText()).containsExactly("Send A", "Send B");
        JsonNode sendB = actions.get(1).path("data");
        assertThat(sendB.path("text").asText()).isEqualTo("winner B of Webinar invite");

        assertThat(connector.calls()).filteredOn(c -> isAbCard(c) && c.method().equals("POST")).hasSize(1);

        // "Send B" asks for a Confirm card; Confirm sends B to the rest
        teams.clear();
        teams.press(cardId, (ObjectNode) sendB.deepCopy());
        FakeConnector.Call winnerCard = connector.await(c -> c.card() != null && c.method().equals("POST"), WAIT);
        assertThat(winnerCard.card().toString()).contains("Join us Tuesday");
        // the winner goes to the audience less the test share: 100 - 20
        assertThat(facts(winnerCard.card())).containsEntry("Recipients", "80");
        teams.confirm(winnerCard);
        FakeConnector.Call decided = awaitAbCard(f -> "decided".equals(f.get("Status")));
        assertThat(decided.path()).isEqualTo(close.path());
        assertThat(facts(decided.card())).containsEntry("B: Join us Tuesday", "10 sent, 8 opened, 0 clicked: 80.0% ★")
            .containsEntry("A: Last seats", "10 sent, 1 opened, 0 clicked: 10.0%");
        assertThat(facts(decided.card()).get("Decision")).startsWith("admin@lux.test picked B. B wins:");
        assertThat(decided.card().has("actions")).isFalse();
        assertThat(connector.calls()).filteredOn(c -> isAbCard(c) && c.method().equals("POST")).isEmpty();
    }

    @Test
    void aGermanReaderWatchesTheSameNumbersInGerman() throws Exception {
        teams.say("hilfe", "de-DE");
        CampaignView draft = campaigns.create(new NewCampaign("Frühjahr", template, null, tag()), ada);
        abTests.setUp(new NewAbTest(draft.id(),
                List.of(NewAbTest.Variant.subject("Letzte Plätze"), NewAbTest.Variant.subject("Dienstag")), 20,
                AbMetric.OPENS, Duration.ofHours(4), AbMode.MANUAL, 42L), ada);
        campaigns.schedule(draft.id(), null, null, ada);

        FakeConnector.Call first = awaitAbCard(
                f -> f.get("A: Letzte Plätze").startsWith("10 gesendet") && f.get("B: Dienstag").startsWith("10"));
        assertThat(TeamsChat.title(first.card())).isEqualTo("A/B-Test von \"Frühjahr\"");
        assertThat(facts(first.card())).containsEntry("Status", "im Test")
            .containsEntry("A: Letzte Plätze", "10 gesendet, 0 geöffnet, 0 geklickt: 0.0%");

        clock.advance(Duration.ofMinutes(10));
        open(draft.id(), "Letzte Plätze", 1);
        open(draft.id(), "Dienstag", 2);
        FakeConnector.Call close = awaitAbCard(f -> f.get("B: Dienstag").contains("2 geöffnet"));
        assertThat(close.path()).endsWith("/activities/" + abCards().get(0).responseId());
        assertThat(facts(close.card())).containsEntry("Ergebnis",
                "Zu knapp für eine Entscheidung: B 20.0% gegen A 10.0%, p = 0.531 (p \\>= 0,05).");

        abTests.chooseWinner(draft.id(), "B", ada);
        FakeConnector.Call decided = awaitAbCard(f -> "entschieden".equals(f.get("Status")));
        assertThat(facts(decided.card())).containsEntry("B: Dienstag", "10 gesendet, 2 geöffnet, 0 geklickt: 20.0% ★");
        assertThat(connector.calls()).filteredOn(c -> isAbCard(c) && c.method().equals("POST")).hasSize(1);
    }

    /** People open {@code how} more mails of the variant with {@code subject}. */
    private void open(long campaignId, String subject, int how) {
        List<OutboxMessage> mails = outbox.list(campaignId, 0, 100)
            .stream()
            .filter(m -> m.subject().equals(subject))
            .filter(m -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM campaign_recipient WHERE id = ? AND human_open_at IS NOT NULL", Long.class,
                    m.recipientId()) == 0)
            .limit(how)
            .toList();
        assertThat(mails).hasSize(how);
        for (OutboxMessage mail : mails) {
            Matcher pixel = OPEN_PIXEL.matcher(mail.html());
            assertThat(pixel.find()).isTrue();
            assertThat(tracking.open(pixel.group(1), HUMAN, false)).isTrue();
        }
        tracking.flush();
    }

    /**
     * Waits for the A/B card (posted or updated) whose facts pass {@code wanted}; returns
     * the latest such call.
     */
    private FakeConnector.Call awaitAbCard(Predicate<Map<String, String>> wanted) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            List<FakeConnector.Call> matching = abCards().stream().filter(c -> {
                Map<String, String> f = facts(c.card());
                try {
                    return wanted.test(f);
                }
                catch (NullPointerException e) {
                    return false;
                }
            }).toList();
            if (!matching.isEmpty()) {
                return matching.get(matching.size() - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No such A/B card within " + WAIT + "; A/B cards: "
                + abCards().stream().map(c -> c.method() + " " + facts(c.card())).toList());
    }

    private List<FakeConnector.Call> abCards() {
        return connector.calls().stream().filter(AbTestCardTest::isAbCard).toList();
    }

    private static boolean isAbCard(FakeConnector.Call call) {
        return call.card() != null && TeamsChat.title(call.card()).startsWith("A/B");
    }

    private static Map<String, String> facts(JsonNode card) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (JsonNode block : card.path("body")) {
            for (JsonNode fact : block.path("facts")) {
                facts.put(fact.path("title").asText(), fact.path("value").asText());
            }
        }
        return facts;
    }

    private static AudienceFilter tag() {
        return new AudienceFilter(Set.of("ab"), Set.of(), Set.of());
    }

}
