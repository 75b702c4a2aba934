package lux.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import lux.agent.AgentTestApplication;
import lux.agent.TurnRequest;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.signup.FormService;
import lux.signup.SignupForm;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sign-up forms from chat: "form create" makes one through the same service as console
 * and API, "forms" lists them.
 */
@DatabaseTest
@SpringBootTest(classes = AgentTestApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.public-base-url=https://lux.example.com" })
class FormCommandsTest {

    @Autowired
    CommandMode commands;

    @Autowired
    FormService forms;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    Actor tom;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
        var u = users.create(new NewUser("tom@lux.test", "tom@lux.test", null, Role.MARKETER), Actor.system());
        tom = new Actor(u.getId(), u.getEmail(), Channel.TEAMS);
    }

    @Test
    void formCreateMakesADoubleOptInFormWithItsTagsAndLanguage() {
        String reply = say("form create Fair stand tag:fair2026 lang:de");
        SignupForm form = forms.list().get(0);
        assertThat(form.name()).isEqualTo("Fair stand");
        assertThat(form.tags()).containsExactly("fair2026");
        assertThat(form.language()).isEqualTo("de");
        assertThat(form.doubleOptIn()).isTrue();
        assertThat(reply).contains("Fair stand").contains("https://lux.example.com/s/" + form.id());
        assertThat(jdbc.queryForObject("SELECT actor_name FROM audit_entry WHERE action = 'form.create'", String.class))
            .isEqualTo("tom@lux.test");

        say("form create Footer single");
        assertThat(say("forms")).contains("Fair stand (de, tags fair2026)").contains("Footer (en)");
        assertThat(forms.list().get(1).doubleOptIn()).isFalse();
    }

    @Test
    void anUnofferedLanguageIsRefusedWithWhatIsOffered() {
        assertThat(say("form create Bad lang:xx")).contains("Language \"xx\" is not offered").contains("en, de");
        assertThat(forms.list()).isEmpty();
        assertThat(say("forms")).contains("No sign-up forms yet");
    }

    private String say(String text) {
        return commands.handle(new TurnRequest(tom, "conv-forms", text, ZoneId.of("UTC"), null)).text();
    }

}
