package lux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.stream.Stream;
import lux.admin.ConsoleUser;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.ApiTokenService;
import lux.users.NewApiToken;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The API tells admins from marketers the way the console does: users, tokens, GDPR
 * erasure, senders, settings and the audit log are admin-only. A token acts with its
 * owner's current role, never more than its own.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class ApiRolesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    UserService users;

    User ada;

    NewApiToken adminToken;

    String marketerToken;

    long annaId;

    /**
     * Every admin-only route, with a body where it takes one. {token} is the admin
     * token's id.
     */
    static Stream<String[]> adminOnlyRoutes() {
        return Stream.of(new String[] { "GET", "/api/v1/users", null }, new String[] { "GET", "/api/v1/tokens", null },
                new String[] { "POST", "/api/v1/tokens", "{\"name\": \"mine\"}" },
                new String[] { "POST", "/api/v1/tokens/{token}/revoke", null },
                new String[] { "POST", "/api/v1/gdpr/export", "{\"email\": \"anna@example.org\"}" },
                new String[] { "POST", "/api/v1/gdpr/erase", "{\"email\": \"anna@example.org\"}" },
                new String[] { "GET", "/api/v1/senders", null },
                new String[] { "PUT", "/api/v1/settings/approval", "{}" },
                new String[] { "GET", "/api/v1/audit", null });
    }

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        ada = fixtures.user("ada@lux.test", Role.ADMIN);
        Actor asAda = new Actor(ada.getId(), "Ada", Channel.CONSOLE);
        adminToken = tokens.create("admin script", null, Duration.ofDays(90), asAda);
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        marketerToken = tokens.create("newsletter script", mark.getId(), Duration.ofDays(90), asAda).secret();
        annaId = fixtures.contact("anna@example.org", "Anna").id();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminOnlyRoutes")
    void aMarketersTokenGets403OnEveryAdminOnlyRouteAndChangesNothing(String method, String path, String body)
            throws Exception {
        perform(request(method, path, body).header("Authorization", "Bearer " + marketerToken))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail", containsString("Only admins may use")));
        assertNothingChanged();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminOnlyRoutes")
    void anAdminTokenWhoseOwnerBecameAMarketerGets403(String method, String path, String body) throws Exception {
        User otto = fixtures.user("otto@lux.test", Role.ADMIN);
        String ottosToken = tokens
            .create("otto's script", null, Duration.ofDays(90), new Actor(otto.getId(), "Otto", Channel.CONSOLE))
            .secret();
        users.changeRole(otto.getId(), Role.MARKETER, Actor.system());
        perform(request(method, path, body).header("Authorization", "Bearer " + ottosToken))
            .andExpect(status().isForbidden());
        assertNothingChanged();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminOnlyRoutes")
    void aMarketersConsoleSessionGets403(String method, String path, String body) throws Exception {
        ConsoleUser mark = ConsoleUser.of(users.findByEmail("mark@lux.test").orElseThrow());
        perform(request(method, path, body).with(user(mark)).with(csrf())).andExpect(status().isForbidden());
        assertNothingChanged();
    }

    @Test
    void anAdminTokenMayUseThemAndSeesWhoHasWhichToken() throws Exception {
        perform(request("GET", "/api/v1/users", null).header("Authorization", "Bearer " + adminToken.secret()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].email").value("ada@lux.test"))
            .andExpect(jsonPath("$[0].role").value("ADMIN"))
            .andExpect(jsonPath("$[1].email").value("mark@lux.test"));
        perform(request("GET", "/api/v1/tokens", null).header("Authorization", "Bearer " + adminToken.secret()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.length()").value(2))
            .andExpect(jsonPath("$[0].owner").value("mark@lux.test"))
            .andExpect(jsonPath("$[0].role").value("MARKETER"))
            .andExpect(jsonPath("$[0].creator").value("ada@lux.test"))
            .andExpect(jsonPath("$[0].expiresAt").isNotEmpty());
        perform(request("POST", "/api/v1/tokens", "{\"name\": \"CI\", \"owner\": \"mark@lux.test\"}")
            .header("Authorization", "Bearer " + adminToken.secret())).andExpect(status().isCreated())
            .andExpect(jsonPath("$.secret", containsString("lux_")))
            .andExpect(jsonPath("$.token.creator").value("ada@lux.test"))
            .andExpect(jsonPath("$.token.owner").value("mark@lux.test"))
            .andExpect(jsonPath("$.token.role").value("MARKETER"));
        perform(request("POST", "/api/v1/gdpr/erase", "{\"email\": \"anna@example.org\"}").header("Authorization",
                "Bearer " + adminToken.secret()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.contactDeleted").value(true));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE id = ?", Integer.class, annaId)).isZero();
    }

    @Test
    void aMarketersTokenStillDoesMarketersWork() throws Exception {
        perform(request("GET", "/api/v1/contacts", null).header("Authorization", "Bearer " + marketerToken))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.totalItems").value(1));
    }

    private void assertNothingChanged() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE id = ?", Integer.class, annaId))
            .as("anna was not erased")
            .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE name = 'mine'", Integer.class))
            .as("no token was created")
            .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE revoked_at IS NOT NULL", Integer.class))
            .as("no token was revoked")
            .isZero();
    }

    private MockHttpServletRequestBuilder request(String method, String path, String body) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method),
                path.replace("{token}", String.valueOf(adminToken.token().id())));
        return body == null ? request : request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request);
    }

}
