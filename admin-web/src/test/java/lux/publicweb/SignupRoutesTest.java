package lux.publicweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lux.audit.Actor;
import lux.consent.ConsentEvent;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.signup.FormDefinition;
import lux.signup.FormService;
import lux.signup.SignupForm;
import lux.signup.SignupOutcome;
import lux.signup.SignupRequest;
import lux.signup.SignupService;
import com.fasterxml.jackson.databind.ObjectMapper;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.users.ApiTokenService;
import lux.users.Role;
import lux.users.User;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sign-up forms over real HTTP: double opt-in through the outbox, quiet refusals of bots,
 * CORS per form.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.public-base-url=https://lux.example.com", "lux.signup.per-address-limit=3",
                "lux.signup.per-ip-limit=8", "lux.signup.max-pending=3", "lux.signup.min-fill-time=3s",
                "lux.signup.confirmation-validity=48h" })
@Import(SignupRoutesTest.Clocks.class)
class SignupRoutesTest {

    static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    static final String SHOP = "https://www.shop.example";
    static final Pattern STAMP = Pattern.compile("name=\"lux_stamp\" value=\"([^\"]+)\"");
    static final Pattern LINK = Pattern.compile("https://lux\\.example\\.com/s/confirm/([A-Za-z0-9_.-]+)");

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        MutableClock signupClock() {
            return new MutableClock(START);
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    FormService forms;

    @Autowired
    SignupService signups;

    @Autowired
    ContactService contacts;

    @Autowired
    ConsentLedger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ObjectMapper json;

    SignupForm news;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        clock.set(START);
        news = forms.create(new FormDefinition("Newsletter DE", null, List.of("news"), "de",
                "Ja, ich will den Newsletter.", true, SHOP, null, null), Actor.system());
    }

    @Test
    void signUpMailsALinkAndOnlyTheConfirmedAddressBecomesAnActiveContactWithItsTagsAndLedger() throws Exception {
        HttpResponse<String> thanks = signUp(news,
                Map.of("email", " Eva@Example.org", "first_name", "Eva", "last_name", "<b>Muster</b>"));
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("lang=\"de\"").contains("Bitte sehen Sie in Ihr Postfach");
        assertThat(contacts.findByEmail("eva@example.org")).as("not a contact before confirming").isEmpty();

        Map<String, Object> mail = jdbc.queryForMap(
                "SELECT subject, text_body, html_body, campaign_id FROM outbox_message WHERE recipient = ?",
                "eva@example.org");
        assertThat(mail.get("subject")).isEqualTo("Bitte bestätigen Sie Ihre Anmeldung");
        assertThat(mail.get("campaign_id")).isNull();
        assertThat((String) mail.get("text_body")).contains("48 Stunden").doesNotContain("Muster");
        Matcher link = LINK.matcher((String) mail.get("text_body"));
        assertThat(link.find()).isTrue();
        String token = link.group(1);
        assertThat((String) mail.get("html_body")).contains("href=\"https://lux.example.com/s/confirm/" + token + "\"");

        HttpResponse<String> page = get("/s/confirm/" + token, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("method=\"post\"").contains("Ja, Anmeldung bestätigen");
        assertThat(contacts.findByEmail("eva@example.org")).as("opening the link (a mail scanner) confirms nothing")
            .isEmpty();

        clock.advance(Duration.ofHours(2));
        HttpResponse<String> confirmed = post("/s/confirm/" + token, "", "application/x-www-form-urlencoded", Map.of());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Ihre Anmeldung ist bestätigt");
        ContactView eva = contacts.findByEmail("eva@example.org").orElseThrow();
        assertThat(eva.status()).isEqualTo(ContactStatus.ACTIVE);
        assertThat(eva.tags()).containsExactly("news");
        assertThat(eva.attributes()).as("her mails' footer speaks the form's language").containsEntry("language", "de");
        assertThat(eva.firstName()).isEqualTo("Eva");
        assertThat(eva.lastName()).isEqualTo("<b>Muster</b>");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pending_signup", Integer.class)).isZero();

        List<ConsentEvent> history = ledger.history("eva@example.org");
        assertThat(history).extracting(ConsentEvent::kind)
            .containsExactly(ConsentKind.SIGNUP, ConsentKind.CONFIRMATION);
        assertThat(history).allSatisfy(e -> {
            assertThat(e.text()).isEqualTo("Ja, ich will den Newsletter.");
            assertThat(e.ip()).isEqualTo("127.0.0.1");
            assertThat(e.channel()).isEqualTo("form");
            assertThat(e.source()).contains("Newsletter DE");
        });
        assertThat(history.get(1).contactId()).isEqualTo(eva.id());
        assertThat(history.get(1).at()).isEqualTo(START.plusSeconds(5).plus(Duration.ofHours(2)));

        assertThat(post("/s/confirm/" + token, "", "application/x-www-form-urlencoded", Map.of()).statusCode())
            .as("a used link")
            .isEqualTo(404);
        assertThat(ledger.history("eva@example.org")).hasSize(2);
    }

    @Test
    void honeypotTooFastAndForgedStampsGetTheSameAnswerAndStoreNothing() throws Exception {
        String honest = signUp(news, Map.of("email", "real@example.org")).body();
        DatabaseCleaner.clean(jdbc);
        news = forms.create(new FormDefinition("Newsletter DE", null, List.of("news"), "de",
                "Ja, ich will den Newsletter.", true, SHOP, null, null), Actor.system());

        HttpResponse<String> honeypot = signUp(news,
                Map.of("email", "bot1@example.org", "website", "http://spam.example"));
        String stamp = stamp(news);
        HttpResponse<String> tooFast = post("/s/" + news.id(),
                form(Map.of("email", "bot2@example.org", "lux_stamp", stamp)), "application/x-www-form-urlencoded",
                Map.of());
        String forged = retimed(stamp, -3_600_000); // shown "an hour ago", with the
                                                    // signature of now
        clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> badStamp = post("/s/" + news.id(),
                form(Map.of("email", "bot3@example.org", "lux_stamp", forged)), "application/x-www-form-urlencoded",
                Map.of());
        HttpResponse<String> noStamp = post("/s/" + news.id(), form(Map.of("email", "bot4@example.org")),
                "application/x-www-form-urlencoded", Map.of());
        for (HttpResponse<String> r : List.of(honeypot, tooFast, badStamp, noStamp)) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(honest);
        }
        assertNothingStoredBut(0);
        assertThat(signups.submit(new SignupRequest(news.id(), "bot5@example.org", null, null, "x", stamp, "10.0.0.9")))
            .isEqualTo(SignupOutcome.HONEYPOT);
        assertThat(signups
            .submit(new SignupRequest(news.id(), "bot5@example.org", null, null, "", stamp(news), "10.0.0.9")))
            .isEqualTo(SignupOutcome.TOO_FAST);
    }

    @Test
    void floodsFromOneAddressOrOneIpAndTooManyPendingAreDroppedQuietly() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(signUp(news, Map.of("email", "same@example.org")).statusCode()).isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE recipient = 'same@example.org'",
                Integer.class))
            .as("per-address limit of 3: the fourth mail is not sent")
            .isEqualTo(3);
        assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM signup_attempt WHERE limit_key LIKE '%same%'", Integer.class))
            .as("limit keys are hashed")
            .isZero();

        // the pending cap is 3: two more addresses fit, the next does not
        signUp(news, Map.of("email", "two@example.org"));
        signUp(news, Map.of("email", "three@example.org"));
        String before = signUp(news, Map.of("email", "two@example.org")).body();
        assertThat(signups
            .submit(new SignupRequest(news.id(), "four@example.org", null, null, null, stampAged(news), "10.0.0.7")))
            .isEqualTo(SignupOutcome.TOO_MANY_PENDING);
        HttpResponse<String> capped = signUp(news, Map.of("email", "five@example.org"));
        assertThat(capped.body()).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT email FROM pending_signup ORDER BY email", String.class))
            .containsExactly("same@example.org", "three@example.org", "two@example.org");

        // 127.0.0.1 has now tried 8 times; the limit is 8 per hour, even for a form and
        // address never seen
        SignupForm other = forms.create(FormDefinition.of("Other", List.of(), "en", false), Actor.system());
        assertThat(signUp(other, Map.of("email", "fresh@example.org")).statusCode()).isEqualTo(200);
        assertThat(contacts.findByEmail("fresh@example.org")).isEmpty();
        clock.advance(Duration.ofHours(2));
        signUp(other, Map.of("email", "fresh@example.org"));
        assertThat(contacts.findByEmail("fresh@example.org")).as("an hour later the IP may sign up again").isPresent();
    }

    @Test
    void aConfirmedContactSigningUpAgainGetsTheSameAnswerAndNothingChanges() throws Exception {
        ContactView known = contacts.create(
                new NewContact("known@example.org", "Old", null, null, Map.of(), Set.of("vip"), "test"),
                Actor.system());
        HttpResponse<String> stranger = signUp(news, Map.of("email", "stranger@example.org", "first_name", "S"));
        HttpResponse<String> again = signUp(news, Map.of("email", "KNOWN@example.org", "first_name", "New"));
        assertThat(again.statusCode()).isEqualTo(stranger.statusCode());
        assertThat(again.body()).isEqualTo(stranger.body());
        HttpResponse<String> strangerJson = signUpJson(news, "{\"email\":\"s2@example.org\"}", SHOP);
        HttpResponse<String> againJson = signUpJson(news, "{\"email\":\"known@example.org\"}", SHOP);
        assertThat(againJson.body()).isEqualTo(strangerJson.body()).contains("\"status\":\"ok\"");

        ContactView after = contacts.get(known.id());
        assertThat(after.firstName()).isEqualTo("Old");
        assertThat(after.tags()).containsExactly("vip");
        assertThat(after.updatedAt()).isEqualTo(known.updatedAt());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE recipient = 'known@example.org'",
                Integer.class))
            .isZero();
        assertThat(ledger.history("known@example.org")).extracting(ConsentEvent::kind)
            .containsExactly(ConsentKind.ADDED);
    }

    @Test
    void expiredForgedAndStampTokensDoNotConfirm() throws Exception {
        signUp(news, Map.of("email", "late@example.org"));
        String token = confirmationToken("late@example.org");
        String forged = retimed(token, 86_400_000L * 365); // valid for a year, with the
                                                           // signature of 48 hours
        assertThat(post("/s/confirm/" + forged, "", "application/x-www-form-urlencoded", Map.of()).statusCode())
            .isEqualTo(404);
        assertThat(post("/s/confirm/" + stamp(news), "", "application/x-www-form-urlencoded", Map.of()).statusCode())
            .as("a form stamp is no confirmation link")
            .isEqualTo(404);
        assertThat(post("/s/confirm/%3Cscript%3E", "", "application/x-www-form-urlencoded", Map.of()).body())
            .doesNotContain("<script>");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pending_signup", Integer.class)).isOne();

        clock.advance(Duration.ofHours(49));
        HttpResponse<String> expired = post("/s/confirm/" + token, "", "application/x-www-form-urlencoded", Map.of());
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("abgelaufen");
        assertThat(contacts.findByEmail("late@example.org")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pending_signup", Integer.class)).isZero();
    }

    @Test
    void onlyTheFormsOwnSiteMayCallItFromABrowser() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/s/" + news.id(), null, null, Map.of("Origin", SHOP,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        HttpResponse<String> evilPreflight = send("OPTIONS", "/s/" + news.id(), null, null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        assertThat(evilPreflight.statusCode()).isEqualTo(403);
        assertThat(evilPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> stamp = get("/s/" + news.id() + "/stamp", Map.of("Origin", SHOP));
        assertThat(stamp.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        assertThat(stamp.body()).contains("\"stamp\"");

        HttpResponse<String> ok = signUpJson(news, "{\"email\":\"js@example.org\",\"first_name\":\"Jo\"}", SHOP);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP);
        HttpResponse<String> evil = signUpJson(news, "{\"email\":\"victim@example.org\"}", "https://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        HttpResponse<String> evilForm = signUp(news, Map.of("email", "victim2@example.org"),
                Map.of("Origin", "https://evil.example"));
        assertThat(evilForm.statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForList("SELECT email FROM pending_signup", String.class))
            .containsExactly("js@example.org");
    }

    @Test
    void hostileInputIsRefusedWithAClearEscapedMessage() throws Exception {
        HttpResponse<String> script = signUp(news, Map.of("email", "<script>alert(1)</script>@example.org"));
        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body()).doesNotContain("<script>alert")
            .contains("&lt;script&gt;")
            .contains("not a valid email address");
        HttpResponse<String> injected = signUp(news, Map.of("email", "a@example.org\r\nBcc: all@example.org"));
        assertThat(injected.statusCode()).isEqualTo(400);
        HttpResponse<String> longName = signUpJson(news,
                "{\"email\":\"n@example.org\",\"first_name\":\"" + "x".repeat(101) + "\"}", SHOP);
        assertThat(longName.statusCode()).isEqualTo(400);
        assertThat(longName.body()).contains("first_name").contains("longer than 100");
        assertThat(get("/s/999999", Map.of()).statusCode()).isEqualTo(404);
        assertThat(post("/s/" + news.id(), "email=" + "a".repeat(20_000) + "%40example.org",
                "application/x-www-form-urlencoded", Map.of())
            .statusCode()).as("a sign-up is small").isEqualTo(413);
        assertNothingStoredBut(0);
    }

    @Test
    void theApiCreatesAFormWith201AndItsIdAndServesItsSnippet() throws Exception {
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        User ada = fixtures.user("ada@lux.test", Role.ADMIN);
        String token = tokens
            .create("site", mark.getId(), Duration.ofDays(30), new Actor(ada.getId(), "Ada", lux.audit.Channel.CONSOLE))
            .secret();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        HttpResponse<String> created = post("/api/v1/forms",
                "{\"name\":\"Footer\",\"tags\":[\"News\",\"web\"],\"language\":\"en\"," + "\"doubleOptIn\":true}",
                "application/json", auth);
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/forms/" + id);
        SignupForm form = forms.get(id);
        assertThat(form.tags()).containsExactly("news", "web");
        assertThat(form.fields()).containsExactly("email", "first_name", "last_name");
        assertThat(form.consentText()).startsWith("I agree to receive email newsletters");

        HttpResponse<String> snippet = get("/api/v1/forms/" + id + "/snippet", auth);
        assertThat(snippet.body()).contains("action=\"https://lux.example.com/s/" + id + "\"")
            .contains("name=\"lux_stamp\"")
            .contains("name=\"website\"")
            .contains("name=\"first_name\"")
            .contains("I agree to receive");
        assertThat(get("/api/v1/forms", auth).body()).contains("\"Footer\"");
        HttpResponse<String> changed = send("PUT", "/api/v1/forms/" + id,
                "{\"name\":\"Footer 2\",\"language\":\"de\","
                        + "\"allowedOrigin\":\"https://www.shop.example/\",\"confirmSubject\":\"Hi\"}",
                "application/json", auth);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(forms.get(id).allowedOrigin()).isEqualTo(SHOP);
        assertThat(forms.get(id).consentText()).startsWith("Ich möchte den E-Mail-Newsletter");

        HttpResponse<String> injected = send("PUT", "/api/v1/forms/" + id,
                "{\"name\":\"X\",\"confirmSubject\":\"Hi\\r\\nBcc: all@example.org\"}", "application/json", auth);
        assertThat(injected.statusCode()).isEqualTo(400);
        assertThat(injected.body()).contains("one line");
        HttpResponse<String> badOrigin = post("/api/v1/forms",
                "{\"name\":\"X\",\"allowedOrigin\":\"https://shop.example/path\"}", "application/json", auth);
        assertThat(badOrigin.statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/forms", Map.of()).statusCode()).as("no token").isEqualTo(401);
        assertThat(post("/api/v1/forms", "{\"name\":\"X\"}", "application/json", Map.of()).statusCode()).as("no token")
            .isIn(401, 403);
        assertThat(send("DELETE", "/api/v1/forms/" + id, null, null, auth).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/forms/" + id, auth).statusCode()).isEqualTo(404);
    }

    void assertNothingStoredBut(int pending) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pending_signup", Integer.class)).isEqualTo(pending);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message", Integer.class)).isEqualTo(pending);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM consent_event", Integer.class)).isEqualTo(pending);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isZero();
    }

    /** Shows the form page, waits as a person would, and sends it. */
    HttpResponse<String> signUp(SignupForm form, Map<String, String> fields) throws Exception {
        return signUp(form, fields, Map.of());
    }

    HttpResponse<String> signUp(SignupForm form, Map<String, String> fields, Map<String, String> headers)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("lux_stamp", stampAged(form));
        all.putIfAbsent("website", "");
        return post("/s/" + form.id(), form(all), "application/x-www-form-urlencoded", headers);
    }

    HttpResponse<String> signUpJson(SignupForm form, String json, String origin) throws Exception {
        String body = json.substring(0, json.length() - 1) + ",\"lux_stamp\":\"" + stampAged(form) + "\"}";
        return post("/s/" + form.id(), body, "application/json", Map.of("Origin", origin));
    }

    String stampAged(SignupForm form) throws Exception {
        String stamp = stamp(form);
        clock.advance(Duration.ofSeconds(5));
        return stamp;
    }

    String stamp(SignupForm form) throws Exception {
        Matcher m = STAMP.matcher(get("/s/" + form.id(), Map.of()).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    String confirmationToken(String email) {
        Matcher m = LINK.matcher(
                jdbc.queryForObject("SELECT text_body FROM outbox_message WHERE recipient = ? ORDER BY id DESC LIMIT 1",
                        String.class, email));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /**
     * The token with its time moved by {@code millis} and its signature kept: what an
     * attacker would try.
     */
    static String retimed(String token, long millis) {
        int dot = token.indexOf('.');
        String[] payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)),
                StandardCharsets.US_ASCII)
            .split(":");
        String changed = payload[0] + ":" + (Long.parseLong(payload[1]) + millis);
        return java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(changed.getBytes(StandardCharsets.US_ASCII)) + token.substring(dot);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet()
            .stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return send("GET", path, null, null, headers);
    }

    HttpResponse<String> post(String path, String body, String type, Map<String, String> headers) throws Exception {
        return send("POST", path, body, type, headers);
    }

    HttpResponse<String> send(String method, String path, String body, String type, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
