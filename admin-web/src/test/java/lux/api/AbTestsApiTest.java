package lux.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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
import org.hamcrest.Matchers;
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

/** The A/B test resources through a real API token: create, read, replace, choose. */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class AbTestsApiTest {

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

    String token;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        User ada = fixtures.user("ada@lux.test", Role.ADMIN);
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        token = tokens
            .create("tests", mark.getId(), java.time.Duration.ofDays(90),
                    new Actor(ada.getId(), "Ada", Channel.CONSOLE))
            .secret();
    }

    ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
    }

    @Test
    void anAbCampaignIsCreatedReadReplacedAndRefusesAWinnerBeforeItIsSent() throws Exception {
        long template = fixtures.template("Launch").id();
        for (int i = 0; i < 10; i++) {
            fixtures.contact("a" + i + "@example.org", "A", "news");
        }
        String created = send(post("/api/v1/ab-tests"),
                """
                        {"name": "Launch A/B", "templateId": %d, "audience": {"anyOf": ["news"]},
                         "test": {"variants": [{"subject": "Last seats"}, {"subject": "Join us Tuesday"}],
                                  "testPercent": 20, "metric": "clicks", "waitMinutes": 240, "seed": 42}}"""
                    .formatted(template))
            .andExpect(status().isCreated())
            .andExpect(header().string("Location", Matchers.endsWith("/ab-test")))
            .andExpect(jsonPath("$.status").value("SETUP"))
            .andExpect(jsonPath("$.metric").value("CLICKS"))
            .andExpect(jsonPath("$.seed").value(42))
            .andExpect(jsonPath("$.variants[1].subject").value("Join us Tuesday"))
            .andExpect(jsonPath("$.verdict.tooClose").value(true))
            // 10 in the audience, 20% of it (2, one per variant) tested: the winner goes
            // to 8
            .andExpect(jsonPath("$.winnerAudience").value(8))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long campaign = json.readTree(created).get("campaignId").asLong();

        send(put("/api/v1/campaigns/" + campaign + "/ab-test"), """
                {"variants": [{"subject": "One"}, {"subject": "Two"}, {"subject": "Three"}], "mode": "MANUAL"}""")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.variants.length()").value(3))
            .andExpect(jsonPath("$.mode").value("MANUAL"));
        mvc.perform(get("/api/v1/campaigns/" + campaign + "/ab-test").header("Authorization", "Bearer " + token))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.verdict.variants[2].label").value("C"))
            .andExpect(jsonPath("$.verdict.variants[2].sent").value(0))
            // three variants: 20% of 10 is 2, too few for one each, so 3 are tested and 7
            // left
            .andExpect(jsonPath("$.winnerAudience").value(7));
        send(post("/api/v1/campaigns/" + campaign + "/ab-test/winner"), "{\"variant\": \"B\"}")
            .andExpect(status().isConflict());
        send(put("/api/v1/campaigns/" + campaign + "/ab-test"), """
                {"variants": [{"subject": "One"}, {"subject": "Two\\nBcc: x@evil.test"}]}""")
            .andExpect(status().isBadRequest());
        send(post("/api/v1/ab-tests"), """
                {"name": "Half made", "templateId": %d, "test": {"variants": [{"subject": "Only"}]}}"""
            .formatted(template)).andExpect(status().isBadRequest());
        // the refused test left no campaign behind
        send(get("/api/v1/campaigns"), "").andExpect(jsonPath("$.totalItems").value(1));
    }

}
