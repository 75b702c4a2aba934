package lux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactView;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.ApiTokenService;
import lux.users.Role;
import lux.users.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 16's template payloads, sent as a new API user would: each is a fast 400 that
 * says what is wrong, and no Java value (the Jackson version the original escape printed,
 * an object's class) comes back. A real template with loops, filters and conditions still
 * saves and previews.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
@Timeout(120)
class TemplateSealingApiTest {

    private static final String JACKSON_VERSION = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ObjectMapper json;

    String token;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        User admin = fixtures.user("ada@lux.test", Role.ADMIN);
        User marketer = fixtures.user("mark@lux.test", Role.MARKETER);
        // A marketer's token: template authors need no admin rights, so the attack is
        // tried with the least of them.
        token = tokens
            .create("tests", marketer.getId(), java.time.Duration.ofDays(90),
                    new Actor(admin.getId(), "Ada", Channel.CONSOLE))
            .secret();
    }

    private MvcResult create(String name, String htmlBody) throws Exception {
        String body = json.writeValueAsString(java.util.Map.of("name", name, "subject", "Hello", "htmlBody", htmlBody));
        return mvc
            .perform(post("/api/v1/templates").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
            .andReturn();
    }

    /**
     * A 400 within a few seconds whose detail names the template and says
     * {@code expected}, leaking nothing.
     */
    private void refused(String name, String htmlBody, String expected) throws Exception {
        long start = System.nanoTime();
        MvcResult result = create(name, htmlBody);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        String body = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(400);
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("field").asText()).isEqualTo("body");
        assertThat(problem.get("detail").asText()).contains("template \"" + name + "\"").contains(expected);
        assertThat(body).doesNotContain(JACKSON_VERSION, "ObjectMapper", "com.hubspot", "JinjavaInterpreter",
                "java.lang");
    }

    @Test
    void theEscapeThroughAMultiVariableForLoopIsRefused() throws Exception {
        refused("Escape",
                "{% for a, config in ____int3rpr3t3r____ %}{% for b, objectMapper in config %}"
                        + "{{ objectMapper.version() }}{% endfor %}{% endfor %}",
                "\"____int3rpr3t3r____\" is a name reserved");
    }

    @Test
    void printingTheInterpreterIsRefused() throws Exception {
        refused("Print", "<p>{{ ____int3rpr3t3r____ }}</p>", "reserved by the template engine");
    }

    @Test
    void callingAJavaMethodIsRefused() throws Exception {
        refused("Repeat", "<p>{{ contact.email.repeat(3) }}</p>", "templates cannot call methods");
    }

    @Test
    void aBillionLoopIterationsAreRefusedFast() throws Exception {
        refused("Loops", "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x"
                + "{% endfor %}{% endfor %}{% endfor %}", "lux.templates.max-loop-iterations");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_template", Integer.class)).isZero();
    }

    @Test
    void aTemplateThatOnlyBlowsUpForOneContactFailsItsPreview() throws Exception {
        ContactView anna = fixtures.contact("anna@example.org", "Anna");
        MvcResult created = create("Anna bomb", "{% if contact.first_name == 'Anna' %}{% for a in range(1000) %}"
                + "{% for b in range(1000) %}{% endfor %}{% endfor %}{% endif %}<p>Hi {{ contact.first_name }}</p>");
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        long id = json.readTree(created.getResponse().getContentAsString()).get("id").asLong();
        MvcResult preview = mvc
            .perform(get("/api/v1/templates/" + id + "/preview").param("contactId", String.valueOf(anna.id()))
                .header("Authorization", "Bearer " + token))
            .andExpect(status().isBadRequest())
            .andReturn();
        assertThat(json.readTree(preview.getResponse().getContentAsString()).get("detail").asText())
            .contains("template \"Anna bomb\"")
            .contains("loops ran more than");
    }

    @Test
    void aRealTemplateWithLoopsFiltersAndConditionsStillSavesAndPreviews() throws Exception {
        ContactView anna = fixtures.contact("anna@example.org", "Anna");
        MvcResult created = create("Real",
                "{% set items = ['tea', 'cake'] %}<ul>{% for i in items %}<li>{{ loop.index }}."
                        + " {{ i | title }}</li>{% endfor %}</ul>{% if contact.first_name %}<p>Hi {{ contact.first_name | upper }}</p>"
                        + "{% else %}<p>Hi there</p>{% endif %}");
        assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
        long id = json.readTree(created.getResponse().getContentAsString()).get("id").asLong();
        MvcResult preview = mvc
            .perform(get("/api/v1/templates/" + id + "/preview").param("contactId", String.valueOf(anna.id()))
                .header("Authorization", "Bearer " + token))
            .andExpect(status().isOk())
            .andReturn();
        assertThat(json.readTree(preview.getResponse().getContentAsString()).get("html").asText())
            .isEqualTo("<ul><li>1. Tea</li><li>2. Cake</li></ul><p>Hi ANNA</p>");
    }

}
