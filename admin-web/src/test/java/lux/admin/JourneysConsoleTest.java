package lux.admin;

import static org.hamcrest.Matchers.allOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import lux.campaigns.CampaignStatus;
import lux.journeys.JourneyService;
import lux.journeys.JourneyView;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** The console draws a journey as numbered boxes with arrows and each step's numbers. */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class JourneysConsoleTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    JourneyService journeys;

    ConsoleUser marketer;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        marketer = ConsoleUser.of(fixtures.user("mark@lux.test", Role.MARKETER));
        fixtures.template("Welcome");
        fixtures.template("Tips");
    }

    @Test
    void aJourneyMadeInTheConsoleIsDrawnStepByStep() throws Exception {
        mvc.perform(post("/admin/journeys").with(user(marketer))
            .with(csrf())
            .param("name", "Trial")
            .param("trigger", "tag:trial")
            .param("steps", "send Welcome\nwait 3 days\nunless clicked\nsend Tips")
            .param("timeZone", "Europe/Berlin"))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("notice", "Journey \"Trial\" is running."));
        JourneyView j = journeys.byName("Trial");

        mvc.perform(get("/admin/journeys/" + j.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("id=\"journey-diagram\""), containsString("id=\"step-4\""),
                    containsString("Send Welcome"), containsString("Wait 3 days"),
                    containsString("If they clicked the previous mail"),
                    containsString("feather-sprite.svg#git-branch"), containsString("0 reached"),
                    containsString(" · 0 sent · 0 opened · 0 clicked"),
                    containsString("when a contact gets the tag trial"))));
        mvc.perform(get("/admin/journeys").with(user(marketer))).andExpect(content().string(containsString("Trial")));

        mvc.perform(post("/admin/journeys/" + j.id() + "/pause").with(user(marketer)).with(csrf()))
            .andExpect(flash().attribute("notice", "The journey is paused."));
        mvc.perform(post("/admin/journeys").with(user(marketer))
            .with(csrf())
            .param("name", "Bad")
            .param("trigger", "tag:x")
            .param("steps", "send Nobody")).andExpect(flash().attribute("error", containsString("Nobody")));
    }

    @Test
    void aJourneysStepCampaignsStayOutOfTheCampaignListAndTheDashboard() throws Exception {
        fixtures.contact("ana@example.com", "Ana", "vip");
        fixtures.campaign("Newsletter", jdbc.queryForObject("SELECT MIN(id) FROM email_template", Long.class), "vip");
        mvc.perform(post("/admin/journeys").with(user(marketer))
            .with(csrf())
            .param("name", "Trial")
            .param("trigger", "tag:trial")
            .param("steps", "send Welcome\nwait 3 days\nsend Tips")
            .param("timeZone", "UTC")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign WHERE for_journey", Long.class)).isEqualTo(2);

        mvc.perform(get("/admin/campaigns").with(user(marketer)))
            .andExpect(content().string(allOf(containsString("Newsletter"), not(containsString("Journey Trial")))));
        mvc.perform(get("/admin").with(user(marketer)))
            .andExpect(content().string(allOf(containsString("Newsletter"), not(containsString("Journey Trial")))))
            .andExpect(model().attribute("byStatus", hasEntry(CampaignStatus.SENT, 0L)));
    }

}
