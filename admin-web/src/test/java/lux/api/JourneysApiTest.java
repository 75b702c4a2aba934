package lux.api;

import static org.hamcrest.Matchers.containsString;
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
 * The journeys API: create from step lines, refuse a wrong line by its number, versions,
 * pause, stats.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class JourneysApiTest {

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
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        token = tokens
            .create("marketing", mark.getId(), java.time.Duration.ofDays(90),
                    new Actor(mark.getId(), "Mark", Channel.CONSOLE))
            .secret();
        fixtures.template("Welcome");
        fixtures.template("Tips");
    }

    ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body == null ? "" : body));
    }

    @Test
    void aJourneyIsCreatedPausedResumedEditedAndCounted() throws Exception {
        String body = "{\"name\": \"Trial\", \"trigger\": \"tag:trial\", \"steps\": [\"send Welcome\", "
                + "\"wait 3 days\", \"unless clicked\", \"send Tips\"], \"timeZone\": \"Europe/Berlin\"}";
        String created = send(post("/api/v1/journeys"), body).andExpect(status().isCreated())
            .andExpect(header().string("Location", containsString("/api/v1/journeys/")))
            .andExpect(jsonPath("$.trigger").value("when a contact gets the tag trial"))
            .andExpect(jsonPath("$.steps[0].text").value("Send Welcome"))
            .andExpect(jsonPath("$.steps[1].text").value("Wait 3 days"))
            .andExpect(jsonPath("$.steps[2].text").value("if clicked go to step 5, else next"))
            .andExpect(jsonPath("$.steps[3].text").value("Send Tips"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(created).path("id").asLong();

        send(post("/api/v1/journeys/" + id + "/pause"), null).andExpect(jsonPath("$.status").value("paused"));
        send(post("/api/v1/journeys/" + id + "/pause"), null).andExpect(status().isConflict());
        send(post("/api/v1/journeys/" + id + "/resume"), null).andExpect(jsonPath("$.status").value("active"));
        send(put("/api/v1/journeys/" + id + "/steps"), "{\"steps\": [\"send Tips\"]}")
            .andExpect(jsonPath("$.version").value(2))
            .andExpect(jsonPath("$.steps.length()").value(1));
        send(get("/api/v1/journeys/" + id + "/stats?version=1"), null).andExpect(jsonPath("$.version").value(1))
            .andExpect(jsonPath("$.steps.length()").value(4))
            .andExpect(jsonPath("$.steps[0].entered").value(0));
    }

    @Test
    void aLineThatIsNotAStepIsRefusedByItsNumber() throws Exception {
        send(post("/api/v1/journeys"),
                "{\"name\": \"Bad\", \"trigger\": \"tag:x\", \"steps\": [\"send Welcome\", \"dance a little\"]}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("steps[1]"))
            .andExpect(jsonPath("$.detail").value(containsString("Step 2 (\"dance a little\") is not a step")));
        send(post("/api/v1/journeys"), "{\"name\": \"Bad\", \"trigger\": \"whenever\", \"steps\": [\"end\"]}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("trigger"));
        send(post("/api/v1/journeys"), "{\"name\": \"Bad\", \"trigger\": \"tag:x\", \"steps\": [\"send Nope\"]}")
            .andExpect(status().isNotFound());
    }

    @Test
    void theCampaignListLeavesOutTheCampaignsOfAJourneysSteps() throws Exception {
        fixtures.contact("ana@example.com", "Ana", "vip");
        fixtures.campaign("Newsletter", jdbc.queryForObject("SELECT MIN(id) FROM email_template", Long.class), "vip");
        send(post("/api/v1/journeys"),
                "{\"name\": \"Trial\", \"trigger\": \"tag:trial\", "
                        + "\"steps\": [\"send Welcome\", \"wait 3 days\", \"send Tips\"]}")
            .andExpect(status().isCreated());
        send(get("/api/v1/campaigns"), null).andExpect(jsonPath("$.totalItems").value(1))
            .andExpect(jsonPath("$.items[0].name").value("Newsletter"));
        send(get("/api/v1/campaigns?status=SENT"), null).andExpect(jsonPath("$.totalItems").value(0));
    }

}
