package lux.admin;

import static org.assertj.core.api.Assertions.assertThat;

import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.TestBrowser;
import lux.users.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Password spraying with made-up X-Forwarded-For values, over real HTTP from two loopback
 * peers: 127.0.0.1 is the configured reverse proxy
 * (server.tomcat.remoteip.internal-proxies), 127.0.0.2 is a stranger reaching LUX
 * directly. Forged addresses neither slip past the throttle nor lock the admin out where
 * they really are.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
                "lux.console.login-failures-per-account=3", "lux.console.login-failures-per-address=6",
                "lux.console.login-base-delay=10m" })
class LoginForwardedForTest {

    static final String PROXY = "127.0.0.1";
    static final String STRANGER = "127.0.0.2";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        fixtures.user("ada@lux.test", Role.ADMIN);
    }

    @Test
    void forgedForwardedForFromAPeerThatIsNoProxyIsIgnored() throws Exception {
        for (int i = 0; i < 3; i++) {
            TestBrowser attacker = new TestBrowser(port, STRANGER).header("X-Forwarded-For", "203.0.113." + (10 + i));
            assertThat(attacker.signIn("ada@lux.test", "guess number " + i).redirectsTo("/admin/login?error")).isTrue();
        }
        TestBrowser attacker = new TestBrowser(port, STRANGER).header("X-Forwarded-For", "198.51.100.99");
        assertThat(attacker.signIn("ada@lux.test", ConsoleFixtures.PASSWORD).redirectsTo("/admin/login?error"))
            .as("a fourth forged address does not make a fresh client: even the right password waits")
            .isTrue();
        assertThat(attacker.get("/admin/login").body()).contains("Too many failed sign-ins");

        TestBrowser realAdmin = new TestBrowser(port, PROXY).header("X-Forwarded-For", "192.0.2.50");
        assertThat(realAdmin.signIn("ada@lux.test", ConsoleFixtures.PASSWORD).redirectsTo("/admin"))
            .as("the admin, signing in from her own address, is not locked out")
            .isTrue();
    }

    @Test
    void behindTheProxyOnlyTheAddressTheProxyAddedCounts() throws Exception {
        // The proxy appends the address it saw; whatever the client sent before that is
        // the client's own invention.
        for (int i = 0; i < 3; i++) {
            TestBrowser attacker = new TestBrowser(port, PROXY).header("X-Forwarded-For",
                    "10.9.8." + i + ", 203.0.113.66");
            assertThat(attacker.signIn("ada@lux.test", "guess number " + i).redirectsTo("/admin/login?error")).isTrue();
        }
        TestBrowser attacker = new TestBrowser(port, PROXY).header("X-Forwarded-For", "192.0.2.50, 203.0.113.66");
        assertThat(attacker.signIn("ada@lux.test", ConsoleFixtures.PASSWORD).redirectsTo("/admin/login?error"))
            .as("claiming to be the admin's address does not help either")
            .isTrue();

        TestBrowser realAdmin = new TestBrowser(port, PROXY).header("X-Forwarded-For", "192.0.2.50");
        assertThat(realAdmin.signIn("ada@lux.test", ConsoleFixtures.PASSWORD).redirectsTo("/admin")).isTrue();
    }

    @Test
    void sprayingManyAccountsFromOneAddressIsSlowedPerAddress() throws Exception {
        for (int i = 0; i < 6; i++) {
            TestBrowser attacker = new TestBrowser(port, STRANGER).header("X-Forwarded-For", "203.0.113." + i);
            attacker.signIn("user" + i + "@lux.test", "guess");
        }
        TestBrowser attacker = new TestBrowser(port, STRANGER);
        assertThat(attacker.signIn("ada@lux.test", ConsoleFixtures.PASSWORD).redirectsTo("/admin/login?error"))
            .isTrue();
        assertThat(attacker.get("/admin/login").body()).contains("Too many failed sign-ins");
        assertThat(new TestBrowser(port, PROXY).signIn("ada@lux.test", ConsoleFixtures.PASSWORD).redirectsTo("/admin"))
            .isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM login_failure", Integer.class))
            .as("kept in the database, where every instance sees it")
            .isPositive();
    }

}
