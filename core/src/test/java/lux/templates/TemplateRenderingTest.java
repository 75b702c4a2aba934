package lux.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import org.junit.jupiter.api.Test;

/** Rendering needs no database: it is a pure function of template and contact. */
class TemplateRenderingTest {

    private final TemplateService service = new TemplateService(null, null, null, Clock.systemUTC(),
            TemplateProperties.defaults(), null);

    private final ContactView ada = new ContactView(1, "ada@example.com", "Ada", "Lovelace", "Analytical <Engines>",
            Map.of("plan", "gold"), ContactStatus.ACTIVE, List.of("vip"), null, null, null, null);

    @Test
    void personalisesSubjectHtmlAndDerivedText() {
        RenderedMessage m = service.render(new TemplateContent("t", "Hi {{ contact.first_name }}!",
                "<p>Hello {{ contact.full_name }} from {{ contact.company }}, plan {{ contact.plan }}"
                        + " / {{ contact.attributes.plan }}</p><p><a href=\"https://example.com/x\">Read more</a></p>",
                null), ada);
        assertThat(m.subject()).isEqualTo("Hi Ada!");
        assertThat(m.html()).contains("Hello Ada Lovelace from Analytical &lt;Engines&gt;, plan gold / gold");
        assertThat(m.text()).contains("Hello Ada Lovelace from Analytical <Engines>, plan gold / gold")
            .contains("Read more (https://example.com/x)");
        assertThat(m.text()).doesNotContain("<p>");
    }

    @Test
    void subjectAndTextAreNotHtmlEscaped() {
        RenderedMessage m = service.render(
                new TemplateContent("t", "News for {{ contact.company }}", "<p>x</p>", "Dear {{ contact.company }}"),
                ada);
        assertThat(m.subject()).isEqualTo("News for Analytical <Engines>");
        assertThat(m.text()).isEqualTo("Dear Analytical <Engines>");
    }

    @Test
    void defaultFilterCoversMissingValues() {
        ContactView anonymous = new ContactView(2, "x@example.com", null, null, null, Map.of(), ContactStatus.ACTIVE,
                List.of(), null, null, null, null);
        RenderedMessage m = service
            .render(new TemplateContent("t", "Hi {{ contact.first_name | default('there', true) }}",
                    "<p>{{ contact.first_name or 'friend' }}</p>", null), anonymous);
        assertThat(m.subject()).isEqualTo("Hi there");
        assertThat(m.html()).contains("friend");
    }

    @Test
    void unknownVariableNamesTheLineAndTheVariable() {
        assertThatThrownBy(() -> service
            .render(new TemplateContent("t", "s", "<p>line one</p>\n<p>{{ contact.frist_name }}</p>", null), ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("line 2")
            .hasMessageContaining("frist_name")
            .satisfies(e -> assertThat(((TemplateRenderException) e).part()).isEqualTo("body"));
    }

    @Test
    void syntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> service.render(
                new TemplateContent("t", "s", "<p>ok</p>\n\n{% if contact.first_name %}\n<p>never closed", null), ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("line 3");
    }

    @Test
    void brokenSubjectIsReportedAsSubject() {
        assertThatThrownBy(
                () -> service.render(new TemplateContent("t", "Hi {{ contact.nope }}", "<p>x</p>", null), ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("subject")
            .hasMessageContaining("nope");
    }

    @Test
    void templatesCannotLoadFilesOrReachJavaObjects() {
        assertThatThrownBy(
                () -> service.render(new TemplateContent("t", "s", "{% include 'application.yml' %}", null), ada))
            .isInstanceOf(TemplateRenderException.class);
        assertThatThrownBy(
                () -> service.render(new TemplateContent("t", "s", "<p>{{ contact.getClass() }}</p>", null), ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("getClass");
    }

    @Test
    void validateRejectsEmptyPartsWithTheFieldName() {
        assertThatThrownBy(() -> service.validate(new TemplateContent("t", " ", "<p>x</p>", null)))
            .hasMessageContaining("subject");
        assertThatThrownBy(() -> service.validate(new TemplateContent(null, "s", "<p>x</p>", null)))
            .hasMessageContaining("name");
    }

}
