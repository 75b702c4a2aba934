package lux.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lux.campaigns.CampaignView;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.TestDatabase;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The console in Debian's Chromium driven by Playwright: sign in, create a user, open and
 * cancel a campaign, preview a template, import a CSV. Screenshots go to
 * target/e2e-screenshots. The browser is {@code LUX_E2E_CHROMIUM} (default
 * /usr/bin/chromium); without it the test is skipped locally (.ci/run installs it).
 */
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
class ConsoleInChromiumTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LUX_E2E_CHROMIUM", "/usr/bin/chromium"));
    static final Path SHOTS = Path.of("target", "e2e-screenshots");
    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    UserService users;

    @BeforeAll
    static void launch() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM
                + ": install it (apt-get install chromium) or set LUX_E2E_CHROMIUM; .ci/run installs it");
        Files.createDirectories(SHOTS);
        // Playwright's own browser download cannot work here: use the system Chromium.
        playwright = Playwright
            .create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium()
            .launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void anAdminSignsInCreatesAUserOpensAndCancelsACampaignPreviewsATemplateAndImportsACsv() {
        DatabaseCleaner.clean(jdbc);
        fixtures.user("ada@lux.test", Role.ADMIN);
        fixtures.contact("anna@example.org", "Anna", "vip");
        long templateId = fixtures.template("Offer").id();
        CampaignView campaign = fixtures.campaign("Spring sale", templateId, "vip");
        String base = "http://127.0.0.1:" + port;

        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            List<String> consoleErrors = new java.util.ArrayList<>();
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    consoleErrors.add(m.text());
                }
            });

            page.navigate(base + "/admin/campaigns");
            assertThat(page).hasURL(base + "/admin/login");
            page.locator("#username").fill("ada@lux.test");
            page.locator("#password").fill("wrong password");
            page.locator("button[type=submit]").click();
            assertThat(page.locator("#login-error")).containsText("Wrong email or password");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("01-login-error.png")));

            page.locator("#username").fill("ada@lux.test");
            page.locator("#password").fill(ConsoleFixtures.PASSWORD);
            page.locator("button[type=submit]").click();
            // Back where the sign-in interrupted (Spring Security marks the resumed
            // request with ?continue).
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/admin/campaigns(\\?continue)?$"));
            // Bootstrap's stylesheet from the webjar is applied (dark theme): the body is
            // not white.
            assertThat(page.locator("body")).not().hasCSS("background-color", "rgb(255, 255, 255)");
            page.navigate(base + "/admin");
            assertThat(page.locator("#campaigns-by-status")).containsText("draft");
            // Chart.js (webjar) drew the status chart from the page's data attribute.
            assertThat(page.locator("#status-chart")).hasAttribute("data-drawn", "true");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("02-dashboard.png")).setFullPage(true));

            page.navigate(base + "/admin/users");
            page.locator("#create-user input[name=email]").fill("mia@lux.test");
            page.locator("#create-user input[name=displayName]").fill("Mia");
            page.locator("#create-user select[name=role]").selectOption("MARKETER");
            page.locator("#create-user button[type=submit]").click();
            assertThat(page.locator(".alert-success")).containsText("Created mia@lux.test as MARKETER.");
            assertThat(page.locator("#one-time-secret")).not().isEmpty();
            assertThat(page.locator("#users tr[data-email='mia@lux.test']")).containsText("MARKETER");
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(SHOTS.resolve("03-user-created.png")).setFullPage(true));
            assertThat(users.findByEmail("mia@lux.test")).isPresent();

            page.navigate(base + "/admin/campaigns");
            page.locator("#campaigns a", new Page.LocatorOptions().setHasText("Spring sale")).click();
            assertThat(page).hasURL(base + "/admin/campaigns/" + campaign.id());
            assertThat(page.locator("#campaign-status")).hasText("draft");
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("04-campaign.png")).setFullPage(true));
            page.locator("button", new Page.LocatorOptions().setHasText("Cancel")).click();
            assertThat(page.locator("#campaign-status")).hasText("cancelled");

            page.navigate(base + "/admin/templates/" + templateId);
            page.locator("#preview-contact").fill("anna@example.org");
            page.locator("#preview-contact").dispatchEvent("change");
            assertThat(page.frameLocator("#preview").locator("p")).containsText("Hi Anna");
            page.locator("#htmlBody").fill("<p>Dear {{ contact.first_name }}</p><script>document.title='x'</script>");
            assertThat(page.frameLocator("#preview").locator("p")).containsText("Dear Anna");
            assertThat(page.locator("#preview-subject")).hasText("Hello Anna");
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(SHOTS.resolve("05-template-preview.png")).setFullPage(true));

            page.navigate(base + "/admin/contacts");
            page.locator("a", new Page.LocatorOptions().setHasText("Import CSV")).click();
            page.locator("#import-form input[type=file]")
                .setInputFiles(new com.microsoft.playwright.options.FilePayload("fair-leads.csv", "text/csv",
                        "email;first_name;company\nzoe@example.org;Zoe;Initech\nnot-an-address;X;Y\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            page.locator("#import-form input[name=tags]").fill("fair");
            page.locator("#import-form button[type=submit]").click();
            // The progress page refreshes itself until the import is done.
            assertThat(page.locator("#import-status")).hasText("FINISHED",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(page.locator("#import-created")).hasText("1");
            assertThat(page.locator("#import-invalid")).hasText("1");
            assertThat(page.locator("#error-report")).isVisible();
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(SHOTS.resolve("06-import-finished.png")).setFullPage(true));
            page.navigate(base + "/admin/contacts?tag=fair");
            assertThat(page.locator("#contacts")).containsText("zoe@example.org");

            page.locator("button", new Page.LocatorOptions().setHasText("Sign out")).click();
            assertThat(page).hasURL(base + "/admin/login?logout");
            // The only console error allowed is the preview refusing the template's
            // script (sandboxed frame).
            assertThat(consoleErrors).as("browser console errors (CSP violations and missing assets would show here)")
                .allMatch(e -> e.contains("Blocked script execution") && e.contains("sandboxed"));
        }
    }

}
