package lux.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Set;
import lux.audit.Actor;
import lux.besttime.BestTimeService;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.delivery.DeliveryEngine;
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

/**
 * A best-time send chosen through the API flag and the console checkbox, and the
 * comparison of best-time and plain recipients on both.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class BestTimeWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    CampaignService campaigns;

    @Autowired
    BestTimeService bestTime;

    @Autowired
    DeliveryEngine engine;

    ConsoleUser marketer;

    String token;

    CampaignView sale;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        marketer = ConsoleUser.of(mark);
        token = tokens
            .create("api", mark.getId(), Duration.ofDays(30),
                    new Actor(mark.getId(), "Mark", lux.audit.Channel.CONSOLE))
            .secret();
        fixtures.contact("ana@example.org", "Ana", "vip");
        fixtures.contact("bob@example.org", "Bob", "vip");
        long templateId = fixtures.template("Offer").id();
        sale = campaigns.create(
                new NewCampaign("Sale", templateId, null, new AudienceFilter(Set.of("vip"), Set.of(), Set.of())),
                Actor.system());
    }

    @Test
    void theConsoleCheckboxChoosesBestTimeAndThePageComparesAfterTheSend() throws Exception {
        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(content().string(containsString("id=\"best-time-check\"")))
            .andExpect(content().string(not(containsString("best-time-comparison"))));
        mvc.perform(post("/admin/campaigns/" + sale.id() + "/best-time").param("bestTime", "true")
            .with(user(marketer))
            .with(csrf())).andExpect(flash().attribute("notice", containsString("each contact's best time")));
        org.assertj.core.api.Assertions.assertThat(bestTime.chosen(sale.id())).isTrue();

        campaigns.schedule(sale.id(), null, null, Actor.system());
        engine.startDueCampaigns(); // nobody opened before: everyone goes at the plain
                                    // time
        while (engine.runBatch(sale.id())) {
            // send all
        }
        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(content().string(containsString("best-time-comparison")))
            .andExpect(content().string(containsString("the plain time")))
            .andExpect(content().string(not(containsString("id=\"best-time-check\""))));
        mvc.perform(post("/admin/campaigns/" + sale.id() + "/best-time").with(user(marketer)).with(csrf()))
            .andExpect(flash().attribute("error", containsString("before it starts")));
    }

    @Test
    void theApiTakesTheFlagWhenSchedulingAndReportsTheComparison() throws Exception {
        mvc.perform(post("/api/v1/campaigns/" + sale.id() + "/schedule").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"at\": \"2099-01-01T09:00\", \"zone\": \"Europe/Berlin\", \"bestTime\": true}"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("SCHEDULED"));
        mvc.perform(get("/api/v1/campaigns/" + sale.id() + "/best-time").header("Authorization", "Bearer " + token))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.bestTime").value(true))
            .andExpect(jsonPath("$.groups[0].slot").value("CONTACT"));
        mvc.perform(put("/api/v1/campaigns/" + sale.id() + "/best-time").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"bestTime\": false}"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.bestTime").value(false));
        mvc.perform(put("/api/v1/campaigns/" + sale.id() + "/best-time").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}")).andExpect(status().isBadRequest());
    }

}
