package lux.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.ApiTokenService;
import lux.users.Role;
import lux.users.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Sender spoofing through the API: only configured mailboxes, and one outside the default
 * pool only with an admin's role (the token's own role counts, not its creator's).
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class,
        properties = { "lux.delivery.senders=news@lux.test", "lux.mail.default-sender=board@lux.test" })
@AutoConfigureMockMvc
class SenderApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ObjectMapper json;

    String marketerToken;

    String adminToken;

    long templateId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        User admin = fixtures.user("ada@lux.test", Role.ADMIN);
        Actor ada = new Actor(admin.getId(), "Ada", Channel.CONSOLE);
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        // made by an admin for a marketer: a token acts with its owner's role
        marketerToken = tokens.create("marketing", mark.getId(), java.time.Duration.ofDays(90), ada).secret();
        adminToken = tokens.create("ops", admin.getId(), java.time.Duration.ofDays(90), ada).secret();
        fixtures.contact("anna@example.org", "Anna", "vip");
        templateId = fixtures.template("Offer").id();
    }

    ResultActions send(String token, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
    }

    String campaign(String sender) {
        return "{\"name\": \"Spring sale\", \"templateId\": " + templateId + ", \"audience\": {\"anyOf\": [\"vip\"]}"
                + (sender == null ? "" : ", \"sender\": \"" + sender + "\"") + "}";
    }

    @Test
    void aSenderThatIsNotConfiguredIsRefusedForEveryone() throws Exception {
        for (String token : new String[] { marketerToken, adminToken }) {
            send(token, post("/api/v1/campaigns"), campaign("ceo@lux.test")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("sender"))
                .andExpect(jsonPath("$.detail").value(containsString("LUX may not send from ceo@lux.test")))
                .andExpect(jsonPath("$.detail").value(containsString("lux.delivery.senders")));
        }
        assertNoCampaigns();
    }

    @Test
    void aMarketerMayNotChooseANonDefaultSenderAnAdminMay() throws Exception {
        send(marketerToken, post("/api/v1/campaigns"), campaign("board@lux.test")).andExpect(status().isForbidden())
            .andExpect(jsonPath("$.detail").value(containsString("Only an admin may send from board@lux.test")));
        assertNoCampaigns();

        send(marketerToken, post("/api/v1/campaigns"), campaign("News@Lux.test")).andExpect(status().isCreated())
            .andExpect(jsonPath("$.sender").value("news@lux.test"));
        String created = send(marketerToken, post("/api/v1/campaigns"), campaign(null)).andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(created).get("id").asLong();
        // editing is the same road: a marketer cannot switch the draft to the board's
        // mailbox (or the CEO's) either
        send(marketerToken, patch("/api/v1/campaigns/" + id), "{\"sender\": \"board@lux.test\"}")
            .andExpect(status().isForbidden());
        send(marketerToken, patch("/api/v1/campaigns/" + id), "{\"sender\": \"ceo@lux.test\"}")
            .andExpect(status().isBadRequest());

        send(adminToken, post("/api/v1/campaigns"), campaign("board@lux.test")).andExpect(status().isCreated())
            .andExpect(jsonPath("$.sender").value("board@lux.test"));
        send(adminToken, patch("/api/v1/campaigns/" + id), "{\"sender\": \"board@lux.test\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.sender").value("board@lux.test"));
    }

    private void assertNoCampaigns() {
        org.assertj.core.api.Assertions.assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign", Long.class))
            .isZero();
    }

}
