package lux.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEvent;
import lux.imports.ContactImportService;
import lux.imports.ImportEvent;
import lux.imports.ImportRequest;
import lux.users.ApiTokenService;
import lux.teams.testsupport.BotConnectorDouble;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Two LUX instances behind one database, as behind a load balancer: what one instance
 * started (a chart, a run of failed sign-ins, an import's card, a campaign's progress
 * card, a running import) the other answers for, continues or cancels, over real HTTP,
 * with the Bot Connector played by a loopback double.
 */
@DatabaseTest
@EnabledIfSystemProperty(named = "lux.test.db", matches = "postgres",
        disabledReason = "several instances share PostgreSQL (H2 is for one development instance); runs in the PostgreSQL run")
class TwoInstancesTest {

    static final String ADMIN = "ada@lux.test";
    static final String PASSWORD = "correct horse battery staple";
    static final String CONVERSATION = "conv-two";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static BotConnectorDouble connector;
    static LuxInstance a;
    static LuxInstance b;
    static User admin;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        connector = new BotConnectorDouble();
        String[] settings = { "lux.delivery.enabled=false", "lux.public-base-url=http://lux.example.com",
                "lux.console.login-failures-per-account=3", "lux.console.login-base-delay=10m",
                // progress cards are updated at most hourly: a second update within the
                // hour must be held back, whoever sends it
                "lux.teams.progress-update-interval=1h",
                // imports say they are alive (and read cancels asked for elsewhere) every
                // second
                "lux.imports.heartbeat=1s" };
        a = LuxInstance.start(settings);
        DatabaseCleaner.clean(a.bean(JdbcTemplate.class));
        // local mode acts as the first admin: this one, with a password for the console
        admin = a.bean(UserService.class)
            .create(new NewUser(ADMIN, "Ada", new BCryptPasswordEncoder(4).encode(PASSWORD), Role.ADMIN),
                    Actor.system());
        a.bean(ContactService.class)
            .create(new NewContact("ana@example.com", "Ana", null, null, null, Set.of("vip"), null), Actor.system());
        b = LuxInstance.start(settings);
        // Ada talks to LUX once (through A), so both instances know where to reach her
        assertThat(a.postActivity(TeamsActivities.message(connector.serviceUrl(), CONVERSATION, "help")).statusCode())
            .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] { b, a, connector }) {
            try {
                if (c != null) {
                    c.close();
                }
            }
            catch (Exception e) {
                System.err.println("Could not stop " + c + ": " + e);
            }
        }
    }

    @Test
    void aChartRenderedOnOneInstanceIsServedByTheOther() throws Exception {
        long template = a.bean(TemplateService.class)
            .create(new TemplateContent("Chart T", "Hi", "<p>Hi</p>", null), Actor.system())
            .id();
        a.bean(CampaignService.class)
            .create(new NewCampaign("Numbers", template, null, AudienceFilter.anyOf("vip")), Actor.system());
        int before = connector.calls().size();
        a.postActivity(TeamsActivities.message(connector.serviceUrl(), CONVERSATION, "stats Numbers"));
        String url = await(before, call -> call.body().contains("/charts/")).body();
        Matcher chart = Pattern.compile("http://lux\\.example\\.com(/charts/[0-9a-f]{32}\\.png)").matcher(url);
        assertThat(chart.find()).as("the stats card links its chart").isTrue();

        HttpResponse<byte[]> fromB = b.get(chart.group(1));
        assertThat(fromB.statusCode()).isEqualTo(200);
        assertThat(fromB.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(fromB.body()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(b.get("/charts/" + "0".repeat(32) + ".png").statusCode()).as("an unknown chart").isEqualTo(404);
    }

    @Test
    void failedSignInsCountOnEveryInstance() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.signIn(a, ADMIN, "wrong 1")).isEqualTo("Wrong email or password");
        assertThat(browser.signIn(b, ADMIN, "wrong 2")).isEqualTo("Wrong email or password");
        assertThat(browser.signIn(a, ADMIN, "wrong 3")).isEqualTo("Wrong email or password");
        // three failures in all, though no instance saw three: the right password now
        // waits, on either instance
        assertThat(browser.signIn(b, ADMIN, PASSWORD)).startsWith("Too many failed sign-ins");
        assertThat(browser.signIn(a, ADMIN, PASSWORD)).startsWith("Too many failed sign-ins");
        a.bean(JdbcTemplate.class).update("DELETE FROM login_failure");
        assertThat(browser.signIn(b, ADMIN, PASSWORD)).as("signed in once the failures are forgiven")
            .isEqualTo("signed in");
    }

    @Test
    void anImportCardPostedByOneInstanceIsFinishedByTheOther() throws Exception {
        JdbcTemplate jdbc = a.bean(JdbcTemplate.class);
        jdbc.update(
                "INSERT INTO contact_import (file_name, mode, status, user_id, user_name, created_at, heartbeat_at) "
                        + "VALUES ('people.csv', 'ADD_NEW_ONLY', 'RUNNING', ?, 'Ada', ?, ?)",
                admin.getId(), now(), now());
        long importId = jdbc.queryForObject("SELECT MAX(id) FROM contact_import", Long.class);

        int before = connector.calls().size();
        a.publish(new ImportEvent.Progress(importId, admin.getId(), "people.csv", 10, 40L, 0));
        BotConnectorDouble.Call posted = await(before,
                call -> call.method().equals("POST") && call.body().contains("10 of 40 rows"));
        assertThat(posted.path()).as("a new card in her chat")
            .startsWith("/v3/conversations/" + CONVERSATION + "/activities");
        String cardId = awaitRow(jdbc, "SELECT activity_id FROM teams_import_card WHERE import_id = ?", importId);

        before = connector.calls().size();
        b.publish(new ImportEvent.Progress(importId, admin.getId(), "people.csv", 20, 40L, 0));
        b.publish(new ImportEvent.Finished(importId, admin.getId(), "people.csv", 38, 0, 2, 0, false, null));
        BotConnectorDouble.Call result = await(before, call -> call.body().contains("Import finished."));
        assertThat(result.method()).as("the card is updated in place, not posted again").isEqualTo("PUT");
        assertThat(result.path()).isEqualTo("/v3/conversations/" + CONVERSATION + "/activities/" + cardId);
        // the progress in between came within the hour of A's card: held back, on B too
        assertThat(callsSince(before)).noneMatch(call -> call.body().contains("20 of 40 rows"));
        // forgotten just after the connector answered the update, so the row may outlive
        // the call by a moment
        awaitNoRow(jdbc, "SELECT activity_id FROM teams_import_card WHERE import_id = ?", importId);
    }

    @Test
    void aProgressCardStartedOnOneInstanceIsUpdatedFromTheOtherAtMostOncePerInterval() throws Exception {
        Actor ada = new Actor(admin.getId(), ADMIN, Channel.TEAMS);
        long template = a.bean(TemplateService.class)
            .create(new TemplateContent("Progress T", "Hi", "<p>Hi</p>", null), ada)
            .id();
        CampaignService campaignsOnA = a.bean(CampaignService.class);
        CampaignView c = campaignsOnA.schedule(
                campaignsOnA.create(new NewCampaign("Harvest", template, null, AudienceFilter.anyOf("vip")), ada).id(),
                null, null, ada);
        int before = connector.calls().size();
        campaignsOnA.transition(c.id(), CampaignStatus.SENDING, "delivery.start", Actor.scheduler());
        await(before, call -> call.method().equals("POST") && call.body().contains("Sending \\\"Harvest\\\""));
        String cardId = awaitRow(a.bean(JdbcTemplate.class),
                "SELECT activity_id FROM teams_progress_card WHERE campaign_id = ?", c.id());

        before = connector.calls().size();
        b.publish(new DeliveryEvent.Progress(c.id(), c.name(), 100, 40, 0, 0, null));
        BotConnectorDouble.Call fromB = await(before,
                call -> call.method().equals("PUT") && call.body().contains("40 of 100"));
        assertThat(fromB.path()).isEqualTo("/v3/conversations/" + CONVERSATION + "/activities/" + cardId);

        // A's batches report too, within the hour of B's update: held back (A's next
        // message shows it was handled)
        before = connector.calls().size();
        a.publish(new DeliveryEvent.Progress(c.id(), c.name(), 100, 60, 0, 0, null));
        a.publish(new DeliveryEvent.Paused(c.id(), c.name(), "the mailbox is throttled"));
        await(before, call -> call.method().equals("PUT") && call.body().contains("the mailbox is throttled"));
        assertThat(callsSince(before)).noneMatch(call -> call.body().contains("60 of 100"));

        before = connector.calls().size();
        b.publish(new DeliveryEvent.Finished(c.id(), c.name(), CampaignStatus.SENT, 100, 0, 0));
        BotConnectorDouble.Call last = await(before,
                call -> call.method().equals("PUT") && call.body().contains("100 of 100"));
        assertThat(last.path()).isEqualTo(fromB.path());
    }

    @Test
    void anImportRunningOnOneInstanceIsCancelledThroughTheOther() throws Exception {
        Actor ada = new Actor(admin.getId(), ADMIN, Channel.API);
        long id = a.bean(ContactImportService.class)
            .start(new ImportRequest("endless.csv", EndlessCsv::new, Set.of(), null), ada);
        JdbcTemplate jdbc = a.bean(JdbcTemplate.class);
        awaitStatus(jdbc, id, "RUNNING");

        String token = a.bean(ApiTokenService.class)
            .create("two instances", admin.getId(), Duration.ofDays(1), ada)
            .secret();
        HttpResponse<String> cancel = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(b.uri("/api/v1/imports/" + id + "/cancel"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).as("B accepts the cancel of an import it does not run: %s", cancel.body())
            .isEqualTo(200);
        awaitStatus(jdbc, id, "CANCELLED");
        assertThat(jdbc.queryForObject("SELECT rows_done FROM contact_import WHERE id = ?", Long.class, id))
            .isPositive();
    }

    private static void awaitStatus(JdbcTemplate jdbc, long importId, String status) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (status.equals(
                    jdbc.queryForObject("SELECT status FROM contact_import WHERE id = ?", String.class, importId))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Import " + importId + " is not " + status + " within " + WAIT);
    }

    /**
     * A CSV file that never ends (a little slower than a disk), so the import runs until
     * it is cancelled.
     */
    private static final class EndlessCsv extends java.io.InputStream {

        private byte[] line = "email,first_name\n".getBytes(StandardCharsets.UTF_8);

        private int at;

        private long row;

        @Override
        public int read() {
            if (at == line.length) {
                row++;
                if (row % 200 == 0) {
                    try {
                        Thread.sleep(1);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                line = ("endless" + row + "@example.com,E\n").getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            return line[at++];
        }

    }

    /**
     * The activity id LUX stored for a card it posted (stored just after the connector
     * answered).
     */
    private static String awaitRow(JdbcTemplate jdbc, String select, long id) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            List<String> found = jdbc.queryForList(select, String.class, id);
            if (!found.isEmpty()) {
                assertThat(found.get(0)).startsWith("activity-");
                return found.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("LUX stored no card for " + id + " within " + WAIT);
    }

    private static void awaitNoRow(JdbcTemplate jdbc, String select, long id) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (jdbc.queryForList(select, String.class, id).isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("LUX still holds the card for " + id + " after " + WAIT);
    }

    private static List<BotConnectorDouble.Call> callsSince(int before) {
        List<BotConnectorDouble.Call> calls = connector.calls();
        return calls.subList(before, calls.size());
    }

    private static BotConnectorDouble.Call await(int before, Predicate<BotConnectorDouble.Call> wanted)
            throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (BotConnectorDouble.Call call : callsSince(before)) {
                if (wanted.test(call)) {
                    return call;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No such call to the connector within " + WAIT + "; calls: " + callsSince(before));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    /**
     * A cookie-keeping browser that does not follow redirects; signIn answers with what
     * the login page then says.
     */
    private static final class Browser {

        final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

        String signIn(LuxInstance on, String email, String password) throws Exception {
            Matcher token = CSRF.matcher(http
                .send(HttpRequest.newBuilder(on.uri("/admin/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body());
            assertThat(token.find()).as("the login page has a CSRF field").isTrue();
            String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(on.uri("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
            String location = answer.headers().firstValue("Location").orElse("");
            if (location.endsWith("/admin")) {
                return "signed in";
            }
            assertThat(location).as("answer %s to a sign-in on port %s", answer.statusCode(), on.port())
                .endsWith("/admin/login?error");
            String page = http
                .send(HttpRequest.newBuilder(on.uri("/admin/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
            Matcher error = Pattern.compile("(Wrong email or password|Too many failed sign-ins[^<]*)").matcher(page);
            assertThat(error.find()).as("the login page says why").isTrue();
            return error.group(1);
        }

        private static String enc(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

    }

}
