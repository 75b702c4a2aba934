package lux.publicweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.NewContact;
import lux.delivery.DeliveryEngine;
import lux.delivery.outbox.OutboxMessage;
import lux.delivery.outbox.OutboxService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.tracking.TrackingService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public routes over real HTTP, with tokens taken from a mail LUX actually composed
 * (outbox).
 */
@DatabaseTest
@SpringBootTest(classes = PublicWebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.tracking.machine.after-delivery=0s",
                "lux.public-base-url=https://lux.example.com" })
class PublicRoutesTest {

    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    OutboxService outbox;

    @Autowired
    TrackingService tracking;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    lux.tracking.TrafficGauge traffic;

    @Autowired
    lux.consent.ConsentLedger ledger;

    @Autowired
    org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext context;

    OutboxMessage mail;

    @BeforeEach
    void sendOneMail() {
        // hits of the previous test still buffered would land after the clean and count
        // as this test's (CI saw a second click this way)
        tracking.flush();
        DatabaseCleaner.clean(jdbc);
        contacts.create(new NewContact("reader@example.net", "Rea", null, null, Map.of(), Set.of("web"), "t"),
                Actor.system());
        long template = templates
            .create(new TemplateContent("web", "Hi", "<p><a href=\"https://example.com/a\">A</a></p>", null),
                    Actor.system())
            .id();
        long campaign = campaigns
            .create(new NewCampaign("Web", template, null, AudienceFilter.anyOf("web")), Actor.system())
            .id();
        campaigns.schedule(campaign, null, null, Actor.system());
        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        mail = outbox.list(campaign, 0, 1).get(0);
    }

    @Test
    void openPixelIsATransparentGifThatIsNeverCachedAndHeadIsNotCounted() throws Exception {
        String open = token("/t/o/");
        HttpResponse<byte[]> gif = get("/t/o/" + open, CHROME);
        assertThat(gif.statusCode()).isEqualTo(200);
        assertThat(gif.body()).hasSize(43).startsWith("GIF89a".getBytes());
        assertThat(gif.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(gif.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(send("HEAD", "/t/o/" + open, CHROME, null).statusCode()).isEqualTo(200);
        assertThat(get("/t/o/" + open.substring(0, open.length() - 3), CHROME).statusCode()).isEqualTo(404);
        assertThat(get("/t/o/" + open.substring(0, 10) + "x" + open.substring(11), CHROME).statusCode()).isEqualTo(404);
        assertThat(get("/t/o/" + open, "Barracuda Sentinel (EE)").statusCode()).isEqualTo(200);
        tracking.flush();
        assertThat(jdbc.queryForList(
                "SELECT COALESCE(machine_reason, 'human') FROM tracking_event WHERE kind = 'OPEN' ORDER BY id",
                String.class))
            .containsExactly("human", "barracuda");
    }

    @Test
    void genuineTokensCountAsTrafficForDeliveryToGiveWayToOncePerSecondJunkNever() throws Exception {
        String open = token("/t/o/");
        String click = token("/t/c/");
        long before = traffic.total();
        assertThat(get("/t/o/" + open, CHROME).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "/t/o/" + open, CHROME, null).statusCode()).isEqualTo(200);
        assertThat(get("/t/c/" + click, CHROME).statusCode()).isEqualTo(302);
        assertThat(send("HEAD", "/t/c/" + click, CHROME, null).statusCode()).isEqualTo(302);
        // each token counts once a second at most: a GET and a HEAD of it are one reader
        long counted = traffic.total() - before;
        assertThat(counted).isBetween(2L, 4L);
        // and so is someone replaying a token from a mail they received: anyone could
        // otherwise slow every campaign on the instance with one mail
        for (int i = 0; i < 50; i++) {
            assertThat(get("/t/o/" + open, CHROME).statusCode()).isEqualTo(200);
        }
        assertThat(traffic.total() - before).as("50 replays within a second or two").isLessThanOrEqualTo(counted + 2);
        counted = traffic.total() - before;
        // made-up tokens are not counted: anyone could otherwise slow every campaign
        // on the instance to delivery's minimum share
        assertThat(get("/t/o/" + open.substring(1), CHROME).statusCode()).isEqualTo(404);
        assertThat(
                get("/t/o/" + open.substring(0, 10) + (open.charAt(10) == 'x' ? 'y' : 'x') + open.substring(11), CHROME)
                    .statusCode())
            .isEqualTo(404);
        assertThat(get("/t/c/" + click.substring(1), CHROME).statusCode()).isEqualTo(404);
        assertThat(send("HEAD", "/t/c/junk", CHROME, null).statusCode()).isEqualTo(404);
        assertThat(get("/t/c/" + open, CHROME).statusCode()).as("an open token is no click token").isEqualTo(404);
        // refused before any token work: not counted either
        assertThat(send("POST", "/t/o/" + open, CHROME, null).statusCode()).isEqualTo(405);
        assertThat(get("/u/" + open, CHROME).statusCode()).isIn(200, 404);
        assertThat(traffic.total() - before).isEqualTo(counted);
    }

    @Test
    void theTrackingRoutesAreAnsweredAtTheHeadOfTomcatsPipelineWithTheSameHeadersAsEverywhere() throws Exception {
        var tomcat = (org.springframework.boot.web.embedded.tomcat.TomcatWebServer) context.getWebServer();
        assertThat(tomcat.getTomcat().getEngine().getPipeline().getFirst())
            .as("ahead of the remote IP valve, the host, context and wrapper valves and the filter chain")
            .isInstanceOf(TrackingRoutes.TrackingValve.class);
        String open = token("/t/o/");
        String click = token("/t/c/");
        for (HttpResponse<byte[]> answer : java.util.List.of(get("/t/o/" + open, CHROME),
                send("HEAD", "/t/o/" + open, CHROME, null), get("/t/c/" + click, CHROME),
                send("HEAD", "/t/c/" + click, CHROME, null), get("/t/o/junk", CHROME), get("/t/c/junk", CHROME),
                send("POST", "/t/c/" + click, CHROME, ""), send("DELETE", "/t/o/" + open, CHROME, null))) {
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(answer.headers().firstValue("Pragma")).hasValue("no-cache");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
            assertThat(answer.headers().allValues("Date")).as("one date, Tomcat's format")
                .singleElement()
                .satisfies(date -> assertThat(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(date))
                    .isNotNull());
        }
        HttpResponse<byte[]> head = send("HEAD", "/t/o/" + open, CHROME, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("43");
        assertThat(head.headers().allValues("Content-Type")).containsExactly("image/gif");
        assertThat(head.body()).isEmpty();
        HttpResponse<byte[]> post = send("POST", "/t/c/" + click, CHROME, "");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<byte[]> junk = get("/t/c/junk", CHROME);
        assertThat(junk.statusCode()).isEqualTo(404);
        assertThat(junk.body()).as("a plain 404, no error page").isEmpty();
        // other paths still go through Tomcat's pipeline and Spring as before
        assertThat(get("/t/x/" + open, CHROME).statusCode()).isIn(401, 302, 404);
        assertThat(get("/webjars/bootstrap/5.3.8/css/bootstrap.min.css", CHROME).statusCode()).isEqualTo(200);
    }

    @Test
    void theWebServerRunsEightThreadsPerCoreNotTomcatsTwoHundred() {
        var tomcat = (org.springframework.boot.web.embedded.tomcat.TomcatWebServer) context.getWebServer();
        var executor = (org.apache.tomcat.util.threads.ThreadPoolExecutor) tomcat.getTomcat()
            .getConnector()
            .getProtocolHandler()
            .getExecutor();
        assertThat(executor.getMaximumPoolSize())
            .isEqualTo(Math.max(16, 8 * Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void clicksRedirectOnlyToTheStoredUrl() throws Exception {
        String click = token("/t/c/");
        HttpResponse<byte[]> redirect = get("/t/c/" + click + "?url=https://evil.example/&next=https://evil.example/",
                CHROME);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("https://example.com/a");
        assertThat(send("HEAD", "/t/c/" + click, CHROME, null).headers().firstValue("Location"))
            .hasValue("https://example.com/a");
        assertThat(get("/t/c/" + click.substring(1), CHROME).statusCode()).isEqualTo(404);
        assertThat(get("/t/c/" + token("/t/o/"), CHROME).statusCode()).as("an open token is no click token")
            .isEqualTo(404);
        // a URL in place of the token: Tomcat refuses the encoded slashes (400) before
        // LUX sees it; never a redirect
        assertThat(get("/t/c/https%3A%2F%2Fevil.example", CHROME).statusCode()).isIn(400, 404);
        assertThat(get("/t/c/evil.example", CHROME).statusCode()).isEqualTo(404);
        tracking.flush();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'CLICK'", Long.class))
            .isEqualTo(1L);
    }

    @Test
    void aClickWhoseLinkCannotBeReadIsAClearTryAgainAndWorksOnceTheDatabaseIsBack() throws Exception {
        String click = token("/t/c/");
        // the link is not cached yet (no click so far): its lookup fails like a lost
        // database
        jdbc.execute("ALTER TABLE campaign_link RENAME TO campaign_link_away");
        HttpResponse<byte[]> failed;
        try {
            failed = get("/t/c/" + click, CHROME);
        }
        finally {
            jdbc.execute("ALTER TABLE campaign_link_away RENAME TO campaign_link");
        }
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(failed.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(failed.body()).as("no stack trace, no server details").isEmpty();
        HttpResponse<byte[]> again = get("/t/c/" + click, CHROME);
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValue("https://example.com/a");
        tracking.flush();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'CLICK'", Long.class))
            .as("the failed click was not recorded, the second one was")
            .isEqualTo(1L);
    }

    @Test
    void unsubscribePageThenOneClickPostUnsubscribesOnce() throws Exception {
        String unsubscribe = token("/u/");
        HttpResponse<byte[]> page = get("/u/" + unsubscribe, CHROME);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body())).contains("data-bs-theme=\"dark\"")
            .contains("/webjars/bootstrap/5.3.8/css/bootstrap.min.css")
            .contains("r***@example.net")
            .contains("name=\"List-Unsubscribe\" value=\"One-Click\"");
        assertThat(get("/webjars/bootstrap/5.3.8/css/bootstrap.min.css", CHROME).statusCode()).isEqualTo(200);
        assertThat(status()).as("looking at the page changes nothing").isEqualTo(ContactStatus.ACTIVE);

        assertThat(send("POST", "/u/" + unsubscribe, CHROME, "").statusCode()).isEqualTo(400);
        HttpResponse<byte[]> first = send("POST", "/u/" + unsubscribe, "Gmail one-click", "List-Unsubscribe=One-Click");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(send("POST", "/u/" + unsubscribe, "Gmail one-click", "List-Unsubscribe=One-Click").statusCode())
            .isEqualTo(200);
        assertThat(send("POST", "/u/" + unsubscribe.substring(2), CHROME, "List-Unsubscribe=One-Click").statusCode())
            .isEqualTo(404);
        assertThat(status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE kind = 'UNSUBSCRIBE'", Long.class))
            .isEqualTo(1L);
        assertThat(new String(get("/u/" + unsubscribe, CHROME).body())).contains("already unsubscribed");
        // the consent ledger: added once, unsubscribed once by the link (the repeat
        // changed nothing)
        assertThat(ledger.history("reader@example.net")).extracting(e -> e.kind() + " " + e.actor())
            .containsExactly("ADDED system", "UNSUBSCRIBE unsubscribe link");
    }

    private ContactStatus status() {
        return contacts.findByEmail("reader@example.net").orElseThrow().status();
    }

    private String token(String route) {
        Matcher m = Pattern.compile(Pattern.quote(route) + "([A-Za-z0-9_-]+)").matcher(mail.html());
        assertThat(m.find()).as("mail contains " + route).isTrue();
        return m.group(1);
    }

    private HttpResponse<byte[]> get(String path, String agent) throws Exception {
        return send("GET", path, agent, null);
    }

    private HttpResponse<byte[]> send(String method, String path, String agent, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("User-Agent", agent);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

}
