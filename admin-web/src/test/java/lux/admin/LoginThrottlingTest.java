package lux.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Real sign-in over HTTP against the running server: session cookie flags, throttling,
 * logout.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.console.login-failures-per-account=3", "lux.console.login-base-delay=10m" })
class LoginThrottlingTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void signsInWithAnHttpOnlySameSiteCookieAndSignsOut() throws Exception {
        fixtures.user("ada@lux.test", Role.ADMIN);
        Browser browser = new Browser();
        HttpResponse<String> loginPage = browser.get("/admin/login");
        assertThat(loginPage.headers().allValues("Set-Cookie"))
            .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax"));

        HttpResponse<String> signedIn = browser.signIn("ada@lux.test", ConsoleFixtures.PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin"));
        // The session id changes at sign-in (no fixation), again HttpOnly and SameSite.
        assertThat(signedIn.headers().allValues("Set-Cookie"))
            .anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=")
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax"));
        assertThat(browser.get("/admin").body()).contains("Campaigns by status");

        String token = csrf(browser.get("/admin").body());
        HttpResponse<String> out = browser.post("/admin/logout", "_csrf=" + enc(token));
        assertThat(out.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login?logout"));
        assertThat(browser.get("/admin").statusCode()).isEqualTo(302);
    }

    @Test
    void repeatedFailuresMakeTheAccountWaitEvenForTheRightPassword() throws Exception {
        fixtures.user("mark@lux.test", Role.MARKETER);
        Browser browser = new Browser();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = browser.signIn("mark@lux.test", "wrong password " + i);
            assertThat(failed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login?error"));
            // Each failure counts once: the first three are ordinary wrong-password
            // answers.
            assertThat(browser.get("/admin/login").body()).contains("Wrong email or password")
                .doesNotContain("Too many");
        }
        HttpResponse<String> throttled = browser.signIn("mark@lux.test", ConsoleFixtures.PASSWORD);
        assertThat(throttled.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/login?error"));
        assertThat(browser.get("/admin/login").body()).contains("Too many failed sign-ins").contains("seconds");
        assertThat(browser.get("/admin").statusCode()).isEqualTo(302);

        // Another account from the same address is not locked by mark's failures.
        fixtures.user("ada@lux.test", Role.ADMIN);
        assertThat(new Browser().signIn("ada@lux.test", ConsoleFixtures.PASSWORD).headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/admin"));
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("page has a CSRF field").isTrue();
        return m.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A cookie-keeping client that does not follow redirects, so each answer can be
     * checked.
     */
    private class Browser {

        final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> signIn(String email, String password) throws Exception {
            String token = csrf(get("/admin/login").body());
            return post("/admin/login",
                    "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(token));
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

    }

}
