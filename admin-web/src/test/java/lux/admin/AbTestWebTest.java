package lux.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import lux.abtests.AbMode;
import lux.abtests.AbTestService;
import lux.abtests.AbTestStatus;
import lux.campaigns.CampaignView;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The console sets an A/B test up on a draft and shows its variants table and verdict.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class AbTestWebTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    AbTestService abTests;

    @Test
    void aDraftGetsItsTestFromTheFormAndThePageShowsTheVariants() throws Exception {
        DatabaseCleaner.clean(jdbc);
        ConsoleUser mark = ConsoleUser.of(fixtures.user("mark@lux.test", Role.MARKETER));
        for (int i = 0; i < 10; i++) {
            fixtures.contact("a" + i + "@example.org", "A", "news");
        }
        CampaignView draft = fixtures.campaign("Spring sale", fixtures.template("Sale").id(), "news");
        mvc.perform(get("/admin/campaigns/" + draft.id()).with(user(mark)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("id=\"ab-setup\"")))
            .andExpect(content().string(not(containsString("id=\"ab-variants\""))));

        mvc.perform(post("/admin/campaigns/" + draft.id() + "/ab-test").with(user(mark))
            .with(csrf())
            .param("subject", "Last seats", "Join us <b>Tuesday</b>", "", "")
            .param("testPercent", "25")
            .param("metric", "click-to-open")
            .param("waitHours", "2.5")
            .param("mode", "MANUAL"))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("notice", containsString("2 variants on 25%")));
        var test = abTests.view(draft.id());
        assertThat(test.status()).isEqualTo(AbTestStatus.SETUP);
        assertThat(test.mode()).isEqualTo(AbMode.MANUAL);
        assertThat(test.waitTime().toMinutes()).isEqualTo(150);

        mvc.perform(get("/admin/campaigns/" + draft.id()).with(user(mark)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("id=\"ab-variants\"")))
            .andExpect(content().string(containsString("Last seats")))
            .andExpect(content().string(containsString("Join us &lt;b&gt;Tuesday&lt;/b&gt;")))
            .andExpect(content().string(containsString("Too close to call: A 0.0% vs B 0.0% click-to-open rate")))
            // 10 in the audience, 25% of it rounds to 3, down to 2 for two variants: 8
            // left
            .andExpect(content().string(containsString("The winner goes to <span>8</span> <span>people</span>")));
        assertThat(test.winnerAudience()).isEqualTo(8);
    }

}
