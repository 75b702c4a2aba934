package lux.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.MutableClock;
import lux.testsupport.TestBrowser;
import lux.users.Role;
import lux.users.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Accounts that can be switched off, over real HTTP with real sessions: disabling a user,
 * changing their role or password ends their live sessions on the next request; their API
 * tokens stop; tokens expire; people change their own password and their other sessions
 * end.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AccountSessionsTest.Clocks.class)
class AccountSessionsTest {

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    private static final Pattern SECRET = Pattern.compile("id=\"one-time-secret\">(lux_[A-Za-z0-9_-]+)<");

    /** Not scanned (test classes are excluded), so only this test's context has it. */
    static class Clocks {

        @Bean
        @Primary
        MutableClock accountsClock() {
            return new MutableClock(NOW);
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    MutableClock clock;

    User ada;

    User mark;

    TestBrowser admin;

    @BeforeEach
    void setUp() throws Exception {
        DatabaseCleaner.clean(jdbc);
        clock.set(NOW);
        ada = fixtures.user("ada@lux.test", Role.ADMIN);
        mark = fixtures.user("mark@lux.test", Role.MARKETER);
        admin = signedIn("ada@lux.test");
    }

    @Test
    void disablingAUserEndsTheirLiveSessionInTheConsoleAndTheApi() throws Exception {
        TestBrowser marksConsole = signedIn("mark@lux.test");
        assertThat(marksConsole.get("/admin").status()).isEqualTo(200);
        assertThat(marksConsole.get("/api/v1/contacts").status()).isEqualTo(200);

        TestBrowser marksOtherTab = signedIn("mark@lux.test");
        String marksCsrf = TestBrowser.csrf(marksOtherTab.get("/admin/account").body());

        TestBrowser.Response disabled = admin.postForm("/admin/users/" + mark.getId() + "/enabled", "enabled=false");
        assertThat(disabled.redirectsTo("/admin/users")).isTrue();

        TestBrowser.Response write = marksOtherTab.post("/admin/contacts",
                "email=sneaky%40example.org&_csrf=" + TestBrowser.enc(marksCsrf));
        assertThat(write.status()).as("a form posted from the ended session is refused").isIn(302, 403);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isZero();

        TestBrowser.Response next = marksConsole.get("/admin");
        assertThat(next.redirectsTo("/admin/login?ended")).as("the session ended: back to sign-in").isTrue();
        assertThat(marksConsole.get("/admin/login?ended").body()).contains("Your session has ended");
        assertThat(marksConsole.get("/api/v1/contacts").status()).isEqualTo(401);
        assertThat(signedInOrNot("mark@lux.test")).as("and cannot sign in again").isFalse();
        assertThat(admin.get("/admin").status()).as("the admin's own session goes on").isEqualTo(200);
    }

    @Test
    void aDisabledOwnersApiTokenGets401() throws Exception {
        User otto = fixtures.user("otto@lux.test", Role.ADMIN);
        TestBrowser ottosConsole = signedIn("otto@lux.test");
        String secret = createToken(ottosConsole, "otto's script", otto, 90);
        TestBrowser script = new TestBrowser(port).header("Authorization", "Bearer " + secret);
        assertThat(script.get("/api/v1/users").status()).isEqualTo(200);

        admin.postForm("/admin/users/" + otto.getId() + "/enabled", "enabled=false");

        TestBrowser.Response refused = script.get("/api/v1/users");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("otto@lux.test").contains("disabled");
        assertThat(script.get("/api/v1/contacts").status()).isEqualTo(401);
        assertThat(ottosConsole.get("/admin").redirectsTo("/admin/login?ended")).isTrue();
        assertThat(admin.get("/admin/tokens").body()).contains("otto&#39;s script").contains("owner disabled");
    }

    @Test
    void aRoleChangeEndsTheSessionAndTheTokenFollowsTheNewRole() throws Exception {
        User otto = fixtures.user("otto@lux.test", Role.ADMIN);
        TestBrowser ottosConsole = signedIn("otto@lux.test");
        assertThat(ottosConsole.get("/admin/users").status()).isEqualTo(200);
        String secret = createToken(ottosConsole, "otto's admin script", otto, 90);
        TestBrowser script = new TestBrowser(port).header("Authorization", "Bearer " + secret);
        assertThat(script.get("/api/v1/users").status()).isEqualTo(200);

        admin.postForm("/admin/users/" + otto.getId() + "/role", "role=MARKETER");

        assertThat(ottosConsole.get("/admin/users").redirectsTo("/admin/login?ended"))
            .as("not a 403 from the old admin session: the session itself ended")
            .isTrue();
        assertThat(ottosConsole.get("/admin").redirectsTo("/admin/login")).isTrue();
        TestBrowser again = signedIn("otto@lux.test");
        assertThat(again.get("/admin/users").status()).as("signed in again as a marketer").isEqualTo(403);
        assertThat(script.get("/api/v1/users").status()).as("the token acts as its owner's current role")
            .isEqualTo(403);
        assertThat(script.get("/api/v1/contacts").status()).isEqualTo(200);
    }

    @Test
    void aPasswordResetByAnAdminEndsTheUsersSessions() throws Exception {
        TestBrowser marksConsole = signedIn("mark@lux.test");
        admin.postForm("/admin/users/" + mark.getId() + "/password",
                "password=" + TestBrowser.enc("a brand new pass phrase"));
        assertThat(marksConsole.get("/admin").redirectsTo("/admin/login?ended")).isTrue();
        assertThat(signedInOrNot("mark@lux.test")).as("the old password no longer works").isFalse();
        assertThat(new TestBrowser(port).signIn("mark@lux.test", "a brand new pass phrase").redirectsTo("/admin"))
            .isTrue();
    }

    @Test
    void changingYourOwnPasswordEndsYourOtherSessionsOnly() throws Exception {
        TestBrowser here = signedIn("mark@lux.test");
        TestBrowser elsewhere = signedIn("mark@lux.test");

        assertThat(change(here, "wrong current password", "a brand new pass phrase"))
            .contains("current password is not right");
        assertThat(change(here, ConsoleFixtures.PASSWORD, "too short")).contains("at least 12 characters");
        assertThat(change(here, ConsoleFixtures.PASSWORD, "qwertyuiop123")).contains("breached passwords");
        assertThat(change(here, ConsoleFixtures.PASSWORD, "x mark@lux.test x")).contains("email address");
        assertThat(elsewhere.get("/admin").status()).as("refused changes end nothing").isEqualTo(200);

        assertThat(change(here, ConsoleFixtures.PASSWORD, "a brand new pass phrase"))
            .contains("Your password is changed");
        assertThat(here.get("/admin").status()).as("this session goes on").isEqualTo(200);
        assertThat(elsewhere.get("/admin").redirectsTo("/admin/login?ended")).as("the other one ended").isTrue();
        assertThat(signedInOrNot("mark@lux.test")).isFalse();
        assertThat(new TestBrowser(port).signIn("mark@lux.test", "a brand new pass phrase").redirectsTo("/admin"))
            .isTrue();
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'user.password.own' AND target_id = ?", Integer.class,
                String.valueOf(mark.getId())))
            .isEqualTo(1);
    }

    @Test
    void tokensExpireAndTheTokenPageShowsWhoHasWhichToken() throws Exception {
        String secret = createToken(admin, "CRM sync", mark, 2);
        TestBrowser script = new TestBrowser(port).header("Authorization", "Bearer " + secret);
        assertThat(script.get("/api/v1/contacts").status()).isEqualTo(200);

        String page = admin.get("/admin/tokens").body();
        assertThat(page).contains("CRM sync")
            .contains("mark@lux.test")
            .contains("ada@lux.test")
            .contains(NOW.plus(Duration.ofDays(2)).toString())
            .contains(NOW.toString()); // created and last used now
        assertThat(page).as("the default validity is offered").contains("value=\"90\"");

        clock.advance(Duration.ofDays(2));
        TestBrowser.Response expired = script.get("/api/v1/contacts");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body()).contains("expired");
        assertThat(admin.get("/admin/tokens").body()).contains(">expired<");
    }

    private String change(TestBrowser browser, String current, String next) throws Exception {
        TestBrowser.Response answer = browser.postForm("/admin/account/password",
                "currentPassword=" + TestBrowser.enc(current) + "&newPassword=" + TestBrowser.enc(next)
                        + "&confirmPassword=" + TestBrowser.enc(next));
        assertThat(answer.redirectsTo("/admin/account")).isTrue();
        return browser.get("/admin/account").body();
    }

    private String createToken(TestBrowser browser, String name, User owner, int days) throws Exception {
        browser.postForm("/admin/tokens",
                "name=" + TestBrowser.enc(name) + "&ownerId=" + owner.getId() + "&expiresInDays=" + days);
        Matcher m = SECRET.matcher(browser.get("/admin/tokens").body());
        assertThat(m.find()).as("the new token's secret is shown once").isTrue();
        return m.group(1);
    }

    private TestBrowser signedIn(String email) throws Exception {
        TestBrowser browser = new TestBrowser(port);
        assertThat(browser.signIn(email, ConsoleFixtures.PASSWORD).redirectsTo("/admin")).as(email + " signs in")
            .isTrue();
        return browser;
    }

    private boolean signedInOrNot(String email) throws Exception {
        return new TestBrowser(port).signIn(email, ConsoleFixtures.PASSWORD).redirectsTo("/admin");
    }

}
