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

import lux.preferences.Topic;
import lux.preferences.TopicService;
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

/**
 * The console's Topics page under settings: admins only, saved as a whole, a bad row
 * refused with its reason.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class TopicsPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    TopicService topics;

    ConsoleUser admin;

    ConsoleUser marketer;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        admin = ConsoleUser.of(fixtures.user("ada@lux.test", Role.ADMIN));
        marketer = ConsoleUser.of(fixtures.user("mark@lux.test", Role.MARKETER));
        fixtures.contact("anna@example.org", "Anna", "news", "events");
    }

    @Test
    void anAdminMakesTagsPublicTopicsAndAMarketerCannot() throws Exception {
        mvc.perform(get("/admin/settings/topics").with(user(marketer))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/settings/topics").with(user(marketer))
            .with(csrf())
            .param("tag", "news")
            .param("label", "News")
            .param("description", "")).andExpect(status().isForbidden());
        assertThat(topics.list()).isEmpty();

        mvc.perform(post("/admin/settings/topics").with(user(admin))
            .with(csrf())
            .param("tag", "News", "", "events")
            .param("label", "Newsletter", "", "Events <i>live</i>")
            .param("description", "Monthly, short", "", ""))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("notice", "2 public topics saved."));
        assertThat(topics.list()).extracting(Topic::tag).containsExactly("events", "news");
        mvc.perform(get("/admin/settings/topics").with(user(admin)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("value=\"Monthly, short\"")))
            .andExpect(content().string(containsString("Events &lt;i&gt;live&lt;/i&gt;")))
            .andExpect(content().string(not(containsString("<i>live"))));

        mvc.perform(post("/admin/settings/topics").with(user(admin))
            .with(csrf())
            .param("tag", "nope", "", "")
            .param("label", "X", "", "")
            .param("description", "", "", ""))
            .andExpect(flash().attribute("error", "There is no tag \"nope\". Tag some contacts with it first."));
        assertThat(topics.list()).as("a refused list changes nothing").hasSize(2);
        mvc.perform(get("/admin/settings").with(user(admin)))
            .andExpect(content().string(containsString("/admin/settings/topics")));
    }

}
