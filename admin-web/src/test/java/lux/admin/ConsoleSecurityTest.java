package lux.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** Who may reach what: sign-in redirects, 401 for the API, roles, CSRF, public routes. */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class ConsoleSecurityTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    UserService users;

    ConsoleUser admin;

    ConsoleUser marketer;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        admin = ConsoleUser.of(fixtures.user("ada@lux.test", Role.ADMIN));
        marketer = ConsoleUser.of(fixtures.user("mark@lux.test", Role.MARKETER));
    }

    @Test
    void anonymousPagesRedirectToTheLoginPage() throws Exception {
        for (String page : new String[] { "/admin", "/admin/campaigns", "/admin/users", "/admin/settings", "/" }) {
            mvc.perform(get(page))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/admin/login"));
        }
        mvc.perform(get("/admin/login"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("name=\"_csrf\"")))
            .andExpect(content().string(containsString("no sign-up")));
    }

    @Test
    void anonymousApiCallsGet401AsProblemJson() throws Exception {
        mvc.perform(get("/api/v1/contacts"))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.status").value(401))
            .andExpect(jsonPath("$.detail").value(containsString("Authorization: Bearer")));
    }

    @Test
    void aBadApiTokenIs401EvenWithASession() throws Exception {
        mvc.perform(get("/api/v1/contacts").header("Authorization", "Bearer lux_not-a-real-token"))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("urn:lux:problem:invalid-token"));
        mvc.perform(get("/api/v1/contacts").with(user(admin)).header("Authorization", "Bearer garbage"))
            .andExpect(status().isUnauthorized());
    }

    @Test
    void aMarketerCannotManageUsersTokensOrSettings() throws Exception {
        mvc.perform(post("/admin/users").with(user(marketer))
            .with(csrf())
            .param("email", "eve@lux.test")
            .param("role", "ADMIN")).andExpect(status().isForbidden());
        assertThat(users.findByEmail("eve@lux.test")).isEmpty();
        mvc.perform(get("/admin/users").with(user(marketer))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/tokens").with(user(marketer))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/settings").with(user(marketer))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/campaigns").with(user(marketer))).andExpect(status().isOk());
    }

    @Test
    void formsNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/admin/users").with(user(admin)).param("email", "eve@lux.test").param("role", "MARKETER"))
            .andExpect(status().isForbidden());
        assertThat(users.findByEmail("eve@lux.test")).isEmpty();
        mvc.perform(post("/admin/users").with(user(admin))
            .with(csrf())
            .param("email", "eve@lux.test")
            .param("role", "MARKETER")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/users"));
        assertThat(users.findByEmail("eve@lux.test")).get().satisfies(u -> {
            assertThat(u.getRole()).isEqualTo(Role.MARKETER);
            assertThat(u.getPasswordHash()).startsWith("$2");
        });
    }

    @Test
    void aConsoleSessionMayUseTheApiButNeedsCsrfToChangeThings() throws Exception {
        mvc.perform(get("/api/v1/contacts").with(user(marketer))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/contacts").with(user(marketer))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"email\":\"x@example.org\"}"))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/contacts").with(user(marketer))
            .with(csrf().asHeader())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"email\":\"x@example.org\"}")).andExpect(status().isCreated());
    }

    @Test
    void publicRoutesNeedNeitherLoginNorCsrf() throws Exception {
        // Nothing is mapped here in this module: reaching the dispatcher (404) proves
        // security let them through.
        mvc.perform(post("/u/some-token").param("List-Unsubscribe", "One-Click")).andExpect(status().isNotFound());
        mvc.perform(get("/t/o/some-token")).andExpect(status().isNotFound());
    }

    @Test
    void routesNoModuleHereClaimsNeedTheConsolesSignIn() throws Exception {
        // The bot opens /api/messages and /charts in its own chain (lux.teams); without
        // the bot they are the console's.
        mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON).content("{}"))
            .andExpect(status().isForbidden());
        mvc.perform(get("/charts/0123456789abcdef0123456789abcdef.png"))
            .andExpect(status().is3xxRedirection())
            .andExpect(redirectedUrlPattern("**/admin/login"));
    }

    @Test
    void assetsComeFromWebjarsAndConsolePagesCarryACsp() throws Exception {
        mvc.perform(get("/webjars/bootstrap/css/bootstrap.min.css")).andExpect(status().isOk());
        mvc.perform(get("/webjars/feather-icons/dist/feather-sprite.svg")).andExpect(status().isOk());
        mvc.perform(get("/webjars/chart.js/dist/chart.umd.js")).andExpect(status().isOk());
        mvc.perform(get("/admin").with(user(admin)))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
            // Links carry the webjar version (webjars-locator-lite), so browsers may
            // cache them for good.
            .andExpect(content()
                .string(matchesPattern("(?s).*href=\"/webjars/bootstrap/[0-9.]+/css/bootstrap.min.css\".*")));
    }

}
