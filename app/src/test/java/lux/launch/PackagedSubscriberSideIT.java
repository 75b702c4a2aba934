package lux.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscriber's side of the packaged jar, over real HTTP and in Debian's Chromium on a
 * phone-sized screen: a visitor signs up on a form in English and one in German, confirms
 * from the mail in the outbox, and becomes an active contact with the form's tags and
 * ledger rows; bots are refused quietly; a topic switched off in the preference centre
 * leaves the reader out of that topic's next campaign only; the readers leave and have
 * their data erased. The jar starts once for all of it. Every public page is checked in
 * both languages (see {@link PublicPageCheck}); screenshots go to
 * target/public-pages-screenshots. Chromium is {@code LUX_E2E_CHROMIUM} (default
 * /usr/bin/chromium).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedSubscriberSideIT {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LUX_E2E_CHROMIUM", "/usr/bin/chromium"));

    static final Path SHOTS = Path.of("target", "public-pages-screenshots");

    static final int PER_ADDRESS_LIMIT = 2;

    /** One reader per language: who signs up on which form. */
    static final Map<String, String> READERS = Map.of("en", "ada.en@example.org", "de", "eva.de@example.org");

    @TempDir
    static Path workDir;

    static PackagedLux lux;

    static LuxApiClient api;

    static Playwright playwright;

    static Browser browser;

    static PublicPageCheck pages;

    static final Map<String, Long> forms = new HashMap<>();

    static final Map<String, String> preferenceLinks = new HashMap<>();

    static long templateId;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium, or set LUX_E2E_CHROMIUM)").isExecutable();
        Files.createDirectories(SHOTS);
        lux = PackagedLux.start(workDir,
                List.of("--lux.signup.min-fill-time=1s", "--lux.signup.per-address-limit=" + PER_ADDRESS_LIMIT,
                        "--lux.signup.per-ip-limit=100", "--lux.mail.default-sender=news@lux.test",
                        "--lux.delivery.tick=300ms", "--lux.delivery.limits.enabled=false",
                        "--lux.mail.postal-address=LUX Test GmbH, Musterstraße 1, 10115 Berlin"));
        api = LuxApiClient.signIn(lux.base(), PackagedLux.ADMIN, PackagedLux.ADMIN_PASSWORD);
        // Playwright's own browser download cannot work here: the system Chromium it is
        playwright = Playwright
            .create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium()
            .launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage")));
        pages = new PublicPageCheck(SHOTS);
        for (String language : READERS.keySet()) {
            forms.put(
                    language, api
                        .post("/api/v1/forms",
                                Map.of("name", "News " + language, "tags", List.of("news", "offers"), "language",
                                        language, "doubleOptIn", true),
                                201)
                        .get("id")
                        .asLong());
        }
        templateId = api
            .post("/api/v1/templates", Map.of("name", "News", "subject", "News", "htmlBody",
                    "<p>Hello {{ contact.first_name }}</p>", "textBody", "Hello {{ contact.first_name }}"), 201)
            .get("id")
            .asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (lux != null) {
            lux.close();
        }
    }

    @Test
    @Order(1)
    void visitorsSignUpConfirmFromTheMailAndBecomeActiveContactsWithTagsAndLedgerRows() throws Exception {
        for (String language : List.of("en", "de")) {
            String email = READERS.get(language);
            try (BrowserContext phone = phone()) {
                Page page = phone.newPage();
                page.navigate(lux.base() + "/s/" + forms.get(language));
                pages.check(page, language, "1-signup-form", "signup.form.submit", "signup.form.firstName");
                page.waitForTimeout(1_300); // people take longer than the minimum fill
                                            // time
                page.locator("input[name=email]").fill(email);
                page.locator("input[name=first_name]").fill(language.equals("de") ? "Eva" : "Ada");
                page.locator("button[type=submit]").click();
                pages.check(page, language, "2-signup-thanks", "signup.thanks.title", "signup.thanks.doubleOptIn");
                assertThat(contact(email)).as("not a contact before confirming").isNull();

                String mail = awaitMail(email, "SELECT text_body FROM outbox_message WHERE recipient = ?");
                Matcher link = Pattern.compile(Pattern.quote(lux.base()) + "/s/confirm/[A-Za-z0-9_.~-]+").matcher(mail);
                assertThat(link.find()).as(mail).isTrue();
                page.navigate(link.group());
                pages.check(page, language, "3-confirm-ask", "signup.confirm.page.title", "signup.confirm.page.button");
                assertThat(contact(email)).as("opening the link (a mail scanner) confirms nothing").isNull();
                page.locator("button[type=submit]").click();
                pages.check(page, language, "4-confirmed", "signup.confirmed.title", "signup.confirmed.body");
            }
            JsonNode contact = contact(email);
            assertThat(contact.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(texts(contact.get("tags"))).containsExactlyInAnyOrder("news", "offers");
            assertThat(contact.get("attributes").get("language").asText()).isEqualTo(language);
            JsonNode ledger = api.get("/api/v1/contacts/" + contact.get("id").asLong() + "/consent");
            assertThat(ledger).extracting(e -> e.get("kind").asText()).containsExactly("SIGNUP", "CONFIRMATION");
            assertThat(ledger).allSatisfy(e -> {
                assertThat(e.get("channel").asText()).isEqualTo("form");
                assertThat(e.get("ip").asText()).isEqualTo("127.0.0.1");
                assertThat(e.get("text").asText()).isNotBlank();
            });
        }
    }

    @Test
    @Order(2)
    void honeypotTooFastAndFloodsAreRefusedQuietly() throws Exception {
        long form = forms.get("en");
        List<String> stamps = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS_LIMIT + 3; i++) {
            stamps.add(stamp(form));
        }
        HttpResponse<String> tooFast = signUp(form, "fast@example.org", stamp(form), "");
        Thread.sleep(1_300);
        HttpResponse<String> honest = signUp(form, "flood@example.org", stamps.get(0), "");
        HttpResponse<String> honeypot = signUp(form, "honeypot@example.org", stamps.get(1), "http://spam.example");
        List<HttpResponse<String>> flood = new ArrayList<>();
        for (String stamp : stamps.subList(2, stamps.size())) {
            flood.add(signUp(form, "flood@example.org", stamp, ""));
        }
        assertThat(honest.statusCode()).isEqualTo(200);
        for (HttpResponse<String> refused : concat(List.of(tooFast, honeypot), flood)) {
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).as("a bot learns nothing").isEqualTo(honest.body());
        }
        assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE recipient = ?", "flood@example.org"))
            .as("per-address limit")
            .isEqualTo(PER_ADDRESS_LIMIT);
        for (String bot : List.of("fast@example.org", "honeypot@example.org")) {
            assertThat(count("SELECT COUNT(*) FROM outbox_message WHERE recipient = ?", bot)).as(bot).isZero();
            assertThat(count("SELECT COUNT(*) FROM pending_signup WHERE email = ?", bot)).as(bot).isZero();
        }
    }

    @Test
    @Order(3)
    void aTopicSwitchedOffLeavesTheReaderOutOfThatTopicsNextCampaignOnly() throws Exception {
        // the forms' tags exist now that their readers confirmed: an admin makes them
        // public topics
        api.put("/api/v1/topics", List.of(Map.of("tag", "news", "label", "Newsletter", "description", "Monthly news"),
                Map.of("tag", "offers", "label", "Offers", "description", "Deals")));
        long first = sendNow("First news", "news");
        for (String language : List.of("en", "de")) {
            String mail = awaitMail(READERS.get(language),
                    "SELECT text_body FROM outbox_message WHERE recipient = ? AND campaign_id = " + first);
            Matcher link = Pattern.compile(Pattern.quote(lux.base()) + "/u/[A-Za-z0-9_.~-]+").matcher(mail);
            assertThat(link.find()).as(mail).isTrue();
            preferenceLinks.put(language, link.group());
        }
        try (BrowserContext phone = phone()) {
            Page page = phone.newPage();
            page.navigate(preferenceLinks.get("en"));
            pages.check(page, "en", "5-preferences", "prefs.title", "prefs.topics.title", "prefs.pause.title",
                    "prefs.leave.button", "prefs.erase.button");
            page.navigate(preferenceLinks.get("de"));
            pages.check(page, "de", "5-preferences", "prefs.title", "prefs.topics.title", "prefs.pause.title",
                    "prefs.leave.button", "prefs.erase.button");
            page.getByLabel("Newsletter").uncheck();
            page.locator("button",
                    new Page.LocatorOptions().setHasText(PublicPageCheck.text("de", "prefs.topics.save")))
                .click();
            pages.check(page, "de", "6-topics-saved", "prefs.topics.saved");
        }

        long news = sendNow("Next news", "news");
        long offers = sendNow("Next offers", "offers");
        awaitSent(news);
        awaitSent(offers);
        assertThat(recipients(news)).containsExactly(READERS.get("en"));
        assertThat(recipients(offers)).containsExactlyInAnyOrder(READERS.get("en"), READERS.get("de"));
        JsonNode ledger = api.get("/api/v1/contacts/" + contact(READERS.get("de")).get("id").asLong() + "/consent");
        assertThat(ledger).extracting(e -> e.get("kind").asText()).contains("TOPIC_OPT_OUT");
    }

    @Test
    @Order(4)
    void readersLeaveAndHaveTheirDataErasedFromThePreferenceCentre() throws Exception {
        for (String language : List.of("en", "de")) {
            String email = READERS.get(language);
            try (BrowserContext phone = phone()) {
                Page page = phone.newPage();
                page.navigate(preferenceLinks.get(language));
                page.locator("button",
                        new Page.LocatorOptions().setHasText(PublicPageCheck.text(language, "prefs.leave.button")))
                    .click();
                pages.check(page, language, "7-unsubscribed", "prefs.unsubscribed.title");
                assertThat(contact(email).get("status").asText()).isEqualTo("UNSUBSCRIBED");

                page.navigate(preferenceLinks.get(language));
                page.locator("button",
                        new Page.LocatorOptions().setHasText(PublicPageCheck.text(language, "prefs.erase.button")))
                    .click();
                pages.check(page, language, "8-erasure-mailed", "prefs.erase.mailed.title");
                String mail = awaitMail(email,
                        "SELECT text_body FROM outbox_message WHERE recipient = ? AND text_body LIKE '%/u/erase/%'");
                Matcher link = Pattern.compile(Pattern.quote(lux.base()) + "/u/erase/[A-Za-z0-9_.~-]+").matcher(mail);
                assertThat(link.find()).as(mail).isTrue();
                page.navigate(link.group());
                pages.check(page, language, "9-erasure-ask", "prefs.erase.confirm.title", "prefs.erase.confirm.button");
                assertThat(contact(email)).as("asking erases nothing").isNotNull();
                page.locator("button[type=submit]").click();
                pages.check(page, language, "10-erased", "prefs.erased.title", "prefs.erased.body");
            }
            assertThat(contact(email)).as("erased").isNull();
        }
    }

    private static BrowserContext phone() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 740)
            .setDeviceScaleFactor(2)
            .setIsMobile(true)
            .setHasTouch(true));
    }

    /** Creates a campaign for one tag and schedules it for now. */
    private static long sendNow(String name, String tag) throws Exception {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", name);
        campaign.put("templateId", templateId);
        campaign.put("audience", Map.of("anyOf", List.of(tag), "allOf", List.of(), "excluded", List.of()));
        long id = api.post("/api/v1/campaigns", campaign, 201).get("id").asLong();
        api.post("/api/v1/campaigns/" + id + "/schedule", null, 200);
        return id;
    }

    private static void awaitSent(long campaign) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            status = api.get("/api/v1/campaigns/" + campaign).get("status").asText();
            if (status.equals("SENT")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("campaign " + campaign + " is " + status + ", not sent:\n" + lux.log());
    }

    private static List<String> recipients(long campaign) throws Exception {
        List<String> emails = new ArrayList<>();
        try (Connection db = lux.database();
                PreparedStatement q = db.prepareStatement(
                        "SELECT recipient FROM outbox_message WHERE campaign_id = ? ORDER BY recipient")) {
            q.setLong(1, campaign);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    emails.add(rows.getString(1));
                }
            }
        }
        return emails;
    }

    /** The contact with this address through the API, or null. */
    private static JsonNode contact(String email) throws Exception {
        for (JsonNode c : api.get("/api/v1/contacts?q=" + email).get("items")) {
            if (c.get("email").asText().equals(email)) {
                return c;
            }
        }
        return null;
    }

    private static String awaitMail(String recipient, String sql) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (Connection db = lux.database(); PreparedStatement q = db.prepareStatement(sql + " ORDER BY id DESC")) {
                q.setString(1, recipient);
                try (ResultSet rows = q.executeQuery()) {
                    if (rows.next()) {
                        return rows.getString(1);
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no mail to " + recipient + " in the outbox:\n" + lux.log());
    }

    private static long count(String sql, String value) throws Exception {
        try (Connection db = lux.database(); PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, value);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String stamp(long form) throws Exception {
        String body = http
            .send(HttpRequest.newBuilder(URI.create(lux.base() + "/s/" + form + "/stamp")).build(),
                    HttpResponse.BodyHandlers.ofString())
            .body();
        Matcher m = Pattern.compile("\"stamp\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> signUp(long form, String email, String stamp, String website) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(lux.base() + "/s/" + form))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers
                .ofString(LuxApiClient.form(Map.of("email", email, "lux_stamp", stamp, "website", website))))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

}
