package lux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import lux.admin.ConsoleUser;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactStatus;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.ApiTokenService;
import lux.users.Role;
import lux.users.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A person who unsubscribed, bounced or complained stays unmailable: only an admin,
 * giving a reason, can take the contact off that hold (through the API or the console
 * alike), and putting a contact on hold by hand suppresses it.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class SuppressionHoldsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    User ada;

    User mark;

    String adminToken;

    String marketerToken;

    long anna;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        ada = fixtures.user("ada@lux.test", Role.ADMIN);
        mark = fixtures.user("mark@lux.test", Role.MARKETER);
        Actor asAda = new Actor(ada.getId(), "Ada", Channel.CONSOLE);
        adminToken = tokens.create("admin script", null, Duration.ofDays(90), asAda).secret();
        marketerToken = tokens.create("newsletter script", mark.getId(), Duration.ofDays(90), asAda).secret();
        anna = fixtures.contact("anna@example.org", "Anna").id();
    }

    @ParameterizedTest
    @EnumSource(value = ContactStatus.class, names = { "UNSUBSCRIBED", "BOUNCED", "COMPLAINED" })
    void onlyAnAdminWithAReasonTakesAContactOffAHold(ContactStatus hold) throws Exception {
        patchAs(marketerToken, "{\"status\": \"" + hold + "\"}").andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value(hold.name()));
        assertThat(suppressionReasons()).as("a hold set by hand suppresses the address").containsExactly(hold.name());

        patchAs(marketerToken, "{\"status\": \"ACTIVE\", \"firstName\": \"Changed\", \"reason\": \"she said so\"}")
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.detail", containsString("only an admin can take a contact off that hold")));
        patchAs(adminToken, "{\"status\": \"ACTIVE\", \"firstName\": \"Changed\"}").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("reason"))
            .andExpect(jsonPath("$.detail", containsString("say why it may be mailed again")));
        patchAs(adminToken, "{\"status\": \"ACTIVE\", \"reason\": \"   \"}").andExpect(status().isBadRequest());
        assertThat(jdbc.queryForObject("SELECT status FROM contact WHERE id = ?", String.class, anna))
            .isEqualTo(hold.name());
        assertThat(jdbc.queryForObject("SELECT first_name FROM contact WHERE id = ?", String.class, anna))
            .as("a refused change changes nothing else either")
            .isEqualTo("Anna");
        assertThat(suppressionReasons()).containsExactly(hold.name());

        patchAs(adminToken, "{\"status\": \"ACTIVE\", \"reason\": \"re-subscribed by email on 2026-11-30\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(suppressionReasons()).as("the suppression entry is removed").isEmpty();
        assertThat(
                jdbc.queryForObject("SELECT details FROM audit_entry WHERE action = 'contact.status' AND target_id = ? "
                        + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", String.class, String.valueOf(anna)))
            .isEqualTo(hold + " -> ACTIVE: re-subscribed by email on 2026-11-30");
        assertThat(jdbc.queryForObject("SELECT actor_user_id FROM audit_entry WHERE action = 'contact.status' "
                + "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", Long.class))
            .isEqualTo(ada.getId());
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'suppression.remove' " + "AND details LIKE ?",
                Integer.class, "%anna@example.org%re-subscribed%"))
            .isEqualTo(1);
    }

    @Test
    void theConsoleObeysTheSameRule() throws Exception {
        ConsoleUser marketer = ConsoleUser.of(mark);
        ConsoleUser admin = ConsoleUser.of(ada);
        mvc.perform(post("/admin/contacts/" + anna + "/status").param("status", "UNSUBSCRIBED")
            .with(user(marketer))
            .with(csrf())).andExpect(flash().attribute("notice", containsString("UNSUBSCRIBED")));
        assertThat(suppressionReasons()).containsExactly("UNSUBSCRIBED");

        mvc.perform(post("/admin/contacts/" + anna + "/status").param("status", "ACTIVE")
            .param("reason", "asked")
            .with(user(marketer))
            .with(csrf())).andExpect(flash().attribute("error", containsString("only an admin")));
        mvc.perform(
                post("/admin/contacts/" + anna + "/status").param("status", "ACTIVE").with(user(admin)).with(csrf()))
            .andExpect(flash().attribute("error", containsString("say why")));
        assertThat(jdbc.queryForObject("SELECT status FROM contact WHERE id = ?", String.class, anna))
            .isEqualTo("UNSUBSCRIBED");

        mvc.perform(post("/admin/contacts/" + anna + "/status").param("status", "ACTIVE")
            .param("reason", "signed up again")
            .with(user(admin))
            .with(csrf())).andExpect(flash().attribute("notice", containsString("ACTIVE")));
        assertThat(suppressionReasons()).isEmpty();
    }

    @Test
    void aMarketerMayStillCorrectAContactOrPutItOnHold() throws Exception {
        patchAs(marketerToken, "{\"firstName\": \"Annie\", \"status\": \"ACTIVE\"}").andExpect(status().isOk())
            .andExpect(jsonPath("$.firstName").value("Annie"));
        patchAs(marketerToken, "{\"status\": \"BOUNCED\"}").andExpect(status().isOk());
        patchAs(marketerToken, "{\"status\": \"BOUNCED\", \"lastName\": \"Smith\"}").andExpect(status().isOk())
            .andExpect(jsonPath("$.lastName").value("Smith"));
        patchAs(marketerToken, "{\"status\": \"COMPLAINED\"}").andExpect(status().isForbidden());
    }

    private ResultActions patchAs(String token, String body) throws Exception {
        return mvc.perform(patch("/api/v1/contacts/" + anna).header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
    }

    private List<String> suppressionReasons() {
        return jdbc.queryForList("SELECT reason FROM suppression WHERE kind = 'ADDRESS' AND entry = 'anna@example.org'",
                String.class);
    }

}
