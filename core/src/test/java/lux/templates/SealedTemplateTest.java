package lux.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.contacts.ContactStatus;
import lux.contacts.ContactView;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Templates are data, never code: the payloads of issue 16 (and their variations) are
 * refused with an error a marketer can read, no Java value leaks into it, and real
 * templates still render.
 */
@Timeout(20)
class SealedTemplateTest {

    private static final String JACKSON_VERSION = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();

    private final TemplateService service = new TemplateService(null, null, null, Clock.systemUTC(),
            TemplateProperties.defaults(), null);

    private final ContactView ada = new ContactView(1, "ada@example.com", "Ada", "Lovelace", "Analytical Engines",
            Map.of("plan", "gold", "city", "London"), ContactStatus.ACTIVE, List.of("vip"), null, null, null, null);

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String body) {
        return assertThatThrownBy(() -> service.render(new TemplateContent("Spring sale", "Hello", body, null), ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("template \"Spring sale\"")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(JACKSON_VERSION, "ObjectMapper", "com.hubspot",
                    "JinjavaInterpreter", "JinjavaConfig", "@"));
    }

    @Test
    void multiVariableForLoopOverTheInterpreterIsRefused() {
        refused("{% for a, config in ____int3rpr3t3r____ %}{% for b, objectMapper in config %}"
                + "{{ objectMapper.version() }}{% endfor %}{% endfor %}")
            .hasMessageContaining("____int3rpr3t3r____")
            .hasMessageContaining("reserved");
    }

    @Test
    void printingTheInterpreterIsRefused() {
        refused("<p>{{ ____int3rpr3t3r____ }}</p>").hasMessageContaining("reserved").hasMessageContaining("line 1");
        refused("<p>{{ ____int3rpr3t3r____.config }}</p>").hasMessageContaining("reserved");
        refused("<p>{{ 'x' | upper(____int3rpr3t3r____) }}</p>").hasMessageContaining("reserved");
    }

    @Test
    void theInterpreterCannotBeReachedByABuiltName() {
        refused("{{ contact['____int3rpr3t3r____'] }}").hasMessageContaining("reserved");
        refused("{% set n = '____int3rpr' ~ '3t3r____' %}{{ contact[n] }}").hasMessageContaining("reserved");
        refused("{% set n = '____int3rpr' ~ '3t3r____' %}{% for a, config in contact[n] %}{{ config }}{% endfor %}")
            .hasMessageContaining("reserved");
        refused("{% set n = '____int3rpr' ~ '3t3r____' %}{{ contact[n] | tojson }}").hasMessageContaining("reserved");
        refused("{{ contact.____int3rpr3t3r____ }}").hasMessageContaining("reserved");
    }

    @Test
    void javaMethodsCannotBeCalled() {
        refused("{{ contact.email.repeat(3) }}").hasMessageContaining("cannot call methods")
            .hasMessageContaining(".repeat(")
            .hasMessageContaining("text");
        refused("{{ contact.getClass() }}").hasMessageContaining("cannot call methods");
        refused("{{ contact.attributes.keySet() }}").hasMessageContaining("cannot call methods")
            .hasMessageContaining("a map");
        refused("{% for k, v in contact.attributes.items() %}{{ k }}{% endfor %}")
            .hasMessageContaining("cannot call methods");
        refused("{{ [1, 2].add(3) }}").hasMessageContaining("cannot call methods");
        refused("{% for x in [1] %}{{ loop.cycle('a', 'b') }}{% endfor %}").hasMessageContaining("cannot call methods");
    }

    @Test
    void filterCallsWrittenByHandGetTheRealInterpreterNotTheirArgument() {
        assertThat(service
            .render(new TemplateContent("t", "s", "{{ filter:upper.filter(contact.email, contact) }}", null), ada)
            .html()).isEqualTo("ADA@EXAMPLE.COM");
    }

    @Test
    void filtersTagsAndFunctionsOutsideTheAllowListAreRefused() {
        refused("{{ contact.first_name | map('upper') }}").hasMessageContaining("filter \"map\" is not available");
        refused("{{ contact | pprint }}").hasMessageContaining("\"pprint\" is not available");
        refused("{{ '{{ 7*7 }}' | render }}").hasMessageContaining("\"render\" is not available");
        refused("{% do contact.update({'x': 1}) %}").hasMessageContaining("\"do\" is not available");
        refused("{% include 'application.yml' %}").hasMessageContaining("\"include\" is not available");
        refused("{% import 'x.html' as x %}").hasMessageContaining("\"import\" is not available");
        refused("{% autoescape false %}{{ contact.company }}{% endautoescape %}")
            .hasMessageContaining("\"autoescape\"");
        refused("{{ type(contact) }}").hasMessageContaining("not available");
    }

    @Test
    void aBillionIterationsStopQuicklyAtTheLoopBudget() {
        long start = System.nanoTime();
        refused("{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}")
            .hasMessageContaining("loops ran more than 10000 times")
            .hasMessageContaining("lux.templates.max-loop-iterations");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void loopsInsideMacrosCalledFromExpressionsAreCountedToo() {
        refused("{% macro inner() %}{% for c in range(1000) %}{{ c }}{% endfor %}{% endmacro %}"
                + "{% for a in range(1000) %}{% for b in range(1000) %}{{ inner() }}{% endfor %}{% endfor %}")
            .hasMessageContaining("loops ran more than");
    }

    @Test
    void wallTimeIsBoundedEvenWithinTheLoopBudget() {
        TemplateService slowLimit = new TemplateService(null, null, null, Clock.systemUTC(),
                new TemplateProperties(Duration.ofMillis(50), Integer.MAX_VALUE, 2_000_000), null);
        long start = System.nanoTime();
        assertThatThrownBy(() -> slowLimit.render(new TemplateContent("Slow", "s",
                "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}",
                null), ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("template \"Slow\"")
            .hasMessageContaining("took longer than 50 ms")
            .hasMessageContaining("lux.templates.render-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void exponentialMacrosWithoutLoopsAreStoppedByTheClock() {
        TemplateService slowLimit = new TemplateService(null, null, null, Clock.systemUTC(),
                new TemplateProperties(Duration.ofMillis(200), 100_000, 2_000_000), null);
        StringBuilder t = new StringBuilder("{% macro m0() %}{% endmacro %}");
        for (int i = 1; i <= 40; i++) {
            t.append("{% macro m")
                .append(i)
                .append("() %}{{ m")
                .append(i - 1)
                .append("() }}{{ m")
                .append(i - 1)
                .append("() }}{% endmacro %}");
        }
        t.append("{{ m40() }}");
        assertThatThrownBy(() -> slowLimit.render(new TemplateContent("Macros", "s", t.toString(), null), ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("took longer than 200 ms");
    }

    @Test
    void outputIsBounded() {
        TemplateService small = new TemplateService(null, null, null, Clock.systemUTC(),
                new TemplateProperties(Duration.ofSeconds(5), 100_000, 10_000), null);
        assertThatThrownBy(
                () -> small.render(
                        new TemplateContent("Big", "s",
                                "{% for a in range(1000) %}{{ contact.email }}{{ contact.email }}{% endfor %}", null),
                        ada))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("template \"Big\"")
            .hasMessageContaining("lux.templates.max-output");
    }

    @Test
    void recursiveMacrosStopAtOnce() {
        assertThat(service
            .render(new TemplateContent("t", "s", "{% macro m() %}x{{ m() }}{% endmacro %}{{ m() }}", null), ada)
            .html()).isEqualTo("x");
    }

    @Test
    void realTemplatesStillRender() {
        Map<String, Object> model = new LinkedHashMap<>(TemplateModel.forContact(ada));
        model.put("unsubscribe_url", "https://lux.example/u/abc");
        model.put("products", List.of(Map.of("name", "Tea", "price", 3.5), Map.of("name", "Cake", "price", 12)));
        String body = """
                {% set greeting = 'Dear ' ~ contact.first_name | default('friend', true) | title %}
                <h1>{{ greeting }}</h1>
                {% macro row(p) %}{{ p.name | upper }}: {{ p.price | round(1) }}{% if p.price > 10 %} (treat){% endif %}{% endmacro %}
                <ul>{% for p in products %}<li>{{ row(p) }}</li>{% if loop.last %}<!-- {{ loop.length }} --> {% endif %}{% endfor %}</ul>
                {% if contact.plan == 'gold' %}<p>Gold for {{ contact.city | lower }}</p>{% elif contact.plan %}<p>other</p>{% else %}<p>none</p>{% endif %}
                {% for k, v in contact.attributes | dictsort %}[{{ k }}={{ v }}]{% endfor %}
                <p>{{ contact.company | truncate(10) }} {{ contact.email | replace('@', ' at ') }} {{ contact.full_name | length }}</p>
                <p>{{ [contact.first_name, contact.last_name] | join(' / ') }} {{ products | first | tojson }} {{ contact.tags_missing is defined }}</p>
                {% raw %}{{ not evaluated }}{% endraw %}
                <a href="{{ unsubscribe_url }}">unsubscribe</a>""";
        RenderedMessage m = service
            .render(new TemplateContent("Newsletter", "News for {{ contact.first_name | upper }}", body, null), model);
        assertThat(m.subject()).isEqualTo("News for ADA");
        assertThat(m.html())
            .contains("<h1>Dear Ada</h1>", "<li>TEA: 3.5</li>", "<li>CAKE: 12.0 (treat)</li>", "<!-- 2 -->",
                    "<p>Gold for london</p>", "[city=London][plan=gold]", "ada at example.com",
                    "<p>A... ada at example.com 12</p>", "Ada / Lovelace", "{{ not evaluated }}",
                    "https://lux.example/u/abc", "false")
            .doesNotContain("other", "none");
    }

    @Test
    void lUXsOwnDataTemplatesAreSealedToo() {
        DataTemplates cards = new DataTemplates(10_000);
        assertThat(cards.render("card",
                "{{ title|tojson }}{% if missing %}x{% endif %}{% for f in facts %}{{ f.v }}{% endfor %}",
                Map.of("title", "[click](x)", "facts", List.of(Map.of("v", 1), Map.of("v", 2)))))
            .isEqualTo("\"[click](x)\"12");
        assertThatThrownBy(() -> cards.render("card", "{{ title.getBytes() }}", Map.of("title", "t")))
            .isInstanceOf(TemplateRenderException.class)
            .hasMessageContaining("cannot call methods");
        assertThatThrownBy(() -> cards.render("card", "{{ x }}", Map.of("x", new Object())))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("x is a Object");
    }

}
