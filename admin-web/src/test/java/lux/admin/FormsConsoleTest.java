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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.signup.FormService;
import lux.signup.SignupForm;
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
 * Sign-up forms in the console (list, create, edit with snippet, delete) and the consent
 * timeline on a contact's page.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class FormsConsoleTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    FormService forms;

    @Autowired
    ContactService contacts;

    ConsoleUser marketer;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        marketer = ConsoleUser.of(fixtures.user("mark@lux.test", Role.MARKETER));
    }

    @Test
    void aMarketerCreatesEditsAndDeletesAFormAndSeesItsSnippet() throws Exception {
        mvc.perform(get("/admin/forms").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("No forms yet.")));
        mvc.perform(post("/admin/forms").with(user(marketer))
            .with(csrf())
            .param("name", "Footer <b>")
            .param("tags", "news, web")
            .param("language", "de")
            .param("doubleOptIn", "true")
            .param("allowedOrigin", "https://www.shop.example")).andExpect(status().is3xxRedirection());
        SignupForm form = forms.list().get(0);
        assertThat(form.tags()).containsExactly("news", "web");
        mvc.perform(get("/admin/forms").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("Footer &lt;b&gt;")))
            .andExpect(content().string(not(containsString("Footer <b>"))));
        mvc.perform(get("/admin/forms/" + form.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("name=&quot;lux_stamp&quot;")))
            .andExpect(content().string(containsString("Ich möchte den E-Mail-Newsletter")));

        mvc.perform(post("/admin/forms/" + form.id()).with(user(marketer))
            .with(csrf())
            .param("name", "Footer")
            .param("fields", "email")
            .param("tags", "news")
            .param("language", "en")
            .param("confirmBody", "Click it: no link placeholder"))
            .andExpect(flash().attribute("error", containsString("{link}")));
        mvc.perform(post("/admin/forms/" + form.id()).with(user(marketer))
            .with(csrf())
            .param("name", "Footer")
            .param("fields", "email")
            .param("tags", "news")
            .param("language", "en")
            .param("doubleOptIn", "true")
            .param("confirmBody", "Please click {link} within {hours} hours."))
            .andExpect(flash().attribute("notice", "Saved."));
        SignupForm saved = forms.get(form.id());
        assertThat(saved.fields()).containsExactly("email");
        assertThat(saved.confirmBody()).isEqualTo("Please click {link} within {hours} hours.");

        mvc.perform(post("/admin/forms/" + form.id() + "/delete").with(user(marketer)).with(csrf()))
            .andExpect(redirectedUrl("/admin/forms"));
        assertThat(forms.list()).isEmpty();
    }

    @Test
    void theContactPageShowsTheConsentTimeline() throws Exception {
        mvc.perform(post("/admin/contacts").with(user(marketer)).with(csrf()).param("email", "zoe@example.org"));
        ContactView zoe = contacts.findByEmail("zoe@example.org").orElseThrow();
        mvc.perform(get("/admin/contacts/" + zoe.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("id=\"consent\"")))
            .andExpect(content().string(containsString("data-kind=\"ADDED\"")))
            .andExpect(content().string(containsString("mark")));
    }

}
