package lux.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lux.audit.Actor;
import lux.audit.Channel;
import lux.shared.InvalidInputException;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class TemplateEditsTest {

    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    @Autowired
    TemplateEdits edits;

    @Autowired
    TemplateService templates;

    @Autowired
    JdbcTemplate jdbc;

    long id;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        id = templates
            .create(new TemplateContent("Invite", "Join us",
                    "<p>Hi {{ contact.first_name }}</p>"
                            + "<p><a href=\"https://example.com/r\">Sign up</a> or Sign up later</p>",
                    null), MIA)
            .id();
    }

    @Test
    void replacesTextEverywhereItStandsAndSaysInHowManyPlaces() {
        TemplateEdits.Edit edit = edits.replaceText(id, "Sign up", "Register", MIA);

        assertThat(edit.places()).isEqualTo(2);
        assertThat(templates.get(id).htmlBody()).contains(">Register</a> or Register later").doesNotContain("Sign up");
        assertThat(edit.before().htmlBody()).contains("Sign up");
    }

    @Test
    void setsTheSubjectAndKeepsTheBody() {
        TemplateEdits.Edit edit = edits.setSubject(id, "  {{ contact.first_name }}, join our webinar ", MIA);

        assertThat(edit.after().subject()).isEqualTo("{{ contact.first_name }}, join our webinar");
        assertThat(edit.after().htmlBody()).isEqualTo(edit.before().htmlBody());
    }

    @Test
    void refusesTextThatIsNotThereAndChangesThatBreakTheTemplate() {
        assertThatThrownBy(() -> edits.replaceText(id, "Sign in", "Register", MIA))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("\"Sign in\" is not in template \"Invite\". Nothing was changed; preview it to see its text.");
        assertThatThrownBy(() -> edits.setSubject(id, "Hi {{ contact.frist_name }}", MIA))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("frist_name");
        assertThatThrownBy(() -> edits.replaceText(id, "Sign up", "{% if contact.first_name %}", MIA))
            .isInstanceOf(TemplateRenderException.class);
        assertThatThrownBy(() -> edits.replaceText(id, "x".repeat(2001), "y", MIA))
            .hasMessageContaining("longer than 2000");
        assertThat(templates.get(id).subject()).isEqualTo("Join us");
        assertThat(templates.get(id).htmlBody()).contains("Sign up");
    }

}
