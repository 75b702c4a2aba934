package lux.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import org.junit.jupiter.api.Test;

/**
 * Imported or model-written contact data that looks like a template is printed as it is,
 * never evaluated.
 */
class ContactDataIsNotATemplateTest {

    private final TemplateService service = new TemplateService(null, null, null, Clock.systemUTC(),
            TemplateProperties.defaults(), null);

    @Test
    void templateSyntaxInsideContactFieldsStaysText() {
        ContactView mallory = new ContactView(1, "mallory@example.com", "{{ contact.email }}", "{{ 7*7 }}",
                "{% if true %}x{% endif %}", Map.of("plan", "{{ contact.attributes }}"), ContactStatus.ACTIVE,
                List.of(), null, null, null, null);
        RenderedMessage m = service.render(new TemplateContent("t", "Hi {{ contact.first_name }}",
                "<p>{{ contact.last_name }} {{ contact.company }} {{ contact.plan }}</p>", null), mallory);
        assertThat(m.subject()).isEqualTo("Hi {{ contact.email }}");
        assertThat(m.text()).contains("{{ 7*7 }}", "{% if true %}x{% endif %}", "{{ contact.attributes }}")
            .doesNotContain("49");
    }

}
