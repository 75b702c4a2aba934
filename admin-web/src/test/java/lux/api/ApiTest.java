package lux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lux.audit.Actor;
import lux.audit.AuditService;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every /api/v1 resource through a real API token, including its problem+json errors and
 * pagination.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class ApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    AuditService audit;

    @Autowired
    ObjectMapper json;

    @Autowired
    lux.campaigns.SchedulePlanner planner;

    String token;

    User owner;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        User ada = fixtures.user("ada@lux.test", Role.ADMIN);
        owner = fixtures.user("mark@lux.test", Role.MARKETER);
        token = tokens
            .create("tests", owner.getId(), java.time.Duration.ofDays(90),
                    new Actor(ada.getId(), "Ada", Channel.CONSOLE))
            .secret();
    }

    ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token));
    }

    ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
        return call(request.contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void contactsCreateSearchPageUpdateTagAndDelete() throws Exception {
        String created = send(post("/api/v1/contacts"), """
                {"email": "Anna@Example.org", "firstName": "Anna", "tags": ["vip"], "attributes": {"plan": "gold"}}""")
            .andExpect(status().isCreated())
            .andExpect(header().string("Location", containsString("/api/v1/contacts/")))
            .andExpect(jsonPath("$.email").value("anna@example.org"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(created).get("id").asLong();
        for (int i = 0; i < 4; i++) {
            fixtures.contact("c" + i + "@example.org", "C" + i);
        }
        call(get("/api/v1/contacts").param("size", "2").param("page", "1")).andExpect(status().isOk())
            .andExpect(jsonPath("$.items.length()").value(2))
            .andExpect(jsonPath("$.page").value(1))
            .andExpect(jsonPath("$.size").value(2))
            .andExpect(jsonPath("$.totalItems").value(5))
            .andExpect(jsonPath("$.totalPages").value(3));
        call(get("/api/v1/contacts").param("tag", "vip")).andExpect(jsonPath("$.totalItems").value(1));
        call(get("/api/v1/contacts").param("q", "c3@")).andExpect(jsonPath("$.items[0].email").value("c3@example.org"));

        send(patch("/api/v1/contacts/" + id), "{\"company\": \"Initech\", \"status\": \"UNSUBSCRIBED\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.company").value("Initech"))
            .andExpect(jsonPath("$.status").value("UNSUBSCRIBED"))
            .andExpect(jsonPath("$.attributes.plan").value("gold"));
        send(post("/api/v1/contacts/" + id + "/tags"), "{\"tags\": [\"Beta Testers\"]}")
            .andExpect(jsonPath("$.tags", hasItem("beta testers")));
        call(delete("/api/v1/contacts/" + id + "/tags/vip")).andExpect(status().isOk())
            .andExpect(jsonPath("$.tags.length()").value(1));
        call(delete("/api/v1/contacts/" + id)).andExpect(status().isNoContent());
        call(get("/api/v1/contacts/" + id)).andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").value("Contact " + id + " does not exist."));

        // The token acts for the admin who created it, on the API channel.
        assertThat(audit.recent(PageRequest.of(0, 50)).getContent()).anySatisfy(e -> {
            assertThat(e.getAction()).isEqualTo("contact.create");
            assertThat(e.getChannel()).isEqualTo(Channel.API);
            assertThat(e.getActorUserId()).isEqualTo(owner.getId());
            assertThat(e.getActorName()).contains("tests");
        });
    }

    @Test
    void contactErrorsAreProblemJsonWithTheField() throws Exception {
        send(post("/api/v1/contacts"), "{\"email\": \"not-an-address\"}").andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.status").value(400))
            .andExpect(jsonPath("$.field").value("email"))
            .andExpect(jsonPath("$.errors[0].field").value("email"))
            .andExpect(jsonPath("$.instance").value("/api/v1/contacts"));
        fixtures.contact("dup@example.org", "Dup");
        send(post("/api/v1/contacts"), "{\"email\": \"DUP@example.org\"}").andExpect(status().isConflict())
            .andExpect(jsonPath("$.field").value("email"))
            .andExpect(jsonPath("$.detail").value(containsString("already exists")));
        send(post("/api/v1/contacts"), "{\"email\": ").andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        call(get("/api/v1/contacts").param("size", "1000")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("size"));
        call(get("/api/v1/contacts").param("status", "SLEEPING")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("status"));
        call(get("/api/v1/contacts").param("tag", "nosuchtag")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("tags"))
            .andExpect(jsonPath("$.detail").value(containsString("Unknown tag nosuchtag")));
    }

    @Test
    void tagsListWithCountsAndTagManyContacts() throws Exception {
        ContactView a = fixtures.contact("a@example.org", "A", "news");
        ContactView b = fixtures.contact("b@example.org", "B");
        send(post("/api/v1/tags/news/contacts"), "{\"contactIds\": [" + a.id() + ", " + b.id() + "]}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.changed").value(1));
        call(get("/api/v1/tags")).andExpect(status().isOk())
            .andExpect(jsonPath("$.items[0].name").value("news"))
            .andExpect(jsonPath("$.items[0].contacts").value(2))
            .andExpect(jsonPath("$.totalItems").value(1));
        send(post("/api/v1/tags/news/contacts/remove"), "{\"contactIds\": [" + a.id() + "]}")
            .andExpect(jsonPath("$.changed").value(1));
        send(post("/api/v1/tags/news/contacts"), "{\"contactIds\": [999999]}").andExpect(status().isNotFound());
    }

    @Test
    void templatesCrudAndPreviewForAContact() throws Exception {
        ContactView anna = fixtures.contact("anna@example.org", "Anna");
        String body = send(post("/api/v1/templates"),
                """
                        {"name": "Welcome", "subject": "Hi {{ contact.first_name }}", "htmlBody": "<p>Hello {{ contact.first_name }}</p>"}""")
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(body).get("id").asLong();
        call(get("/api/v1/templates/" + id + "/preview").param("contactId", String.valueOf(anna.id())))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.subject").value("Hi Anna"))
            .andExpect(jsonPath("$.html").value(containsString("Hello Anna")))
            .andExpect(jsonPath("$.text").value(containsString("Hello Anna")));
        send(put("/api/v1/templates/" + id), """
                {"name": "Welcome", "subject": "Hello again", "htmlBody": "<p>{% if %}</p>"}""")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("body"))
            .andExpect(jsonPath("$.detail").value(containsString("line 1")));
        send(put("/api/v1/templates/" + id), """
                {"name": "Welcome", "subject": "Hello again", "htmlBody": "<p>Hi</p>"}""").andExpect(status().isOk())
            .andExpect(jsonPath("$.subject").value("Hello again"));
        send(post("/api/v1/templates"), "{\"name\": \"Welcome\", \"subject\": \"s\", \"htmlBody\": \"b\"}")
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.field").value("name"));
        call(get("/api/v1/templates")).andExpect(jsonPath("$.totalItems").value(1));
        call(delete("/api/v1/templates/" + id)).andExpect(status().isNoContent());
    }

    @Test
    void campaignsCreateScheduleResumeCancelAndStats() throws Exception {
        fixtures.contact("anna@example.org", "Anna", "vip");
        long templateId = fixtures.template("Offer").id();
        String body = send(post("/api/v1/campaigns"),
                "{\"name\": \"Spring sale\", \"templateId\": " + templateId + ", \"audience\": {\"anyOf\": [\"vip\"]}}")
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.status").value("DRAFT"))
            .andExpect(jsonPath("$.audience.anyOf[0]").value("vip"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(body).get("id").asLong();

        send(post("/api/v1/campaigns/" + id + "/schedule"),
                "{\"at\": \"2099-03-01T09:30:00\", \"zone\": \"Europe/Berlin\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("SCHEDULED"))
            .andExpect(jsonPath("$.scheduleZone").value("Europe/Berlin"))
            .andExpect(jsonPath("$.scheduledAt").value("2099-03-01T08:30:00Z"));
        call(post("/api/v1/campaigns/" + id + "/pause")).andExpect(jsonPath("$.status").value("PAUSED"));
        call(post("/api/v1/campaigns/" + id + "/resume")).andExpect(jsonPath("$.status").value("SCHEDULED"));
        call(post("/api/v1/campaigns/" + id + "/cancel")).andExpect(jsonPath("$.status").value("CANCELLED"));
        call(post("/api/v1/campaigns/" + id + "/pause")).andExpect(status().isConflict())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").value(containsString("cancelled and cannot become paused")));
        call(get("/api/v1/campaigns/" + id + "/stats")).andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("CANCELLED"))
            .andExpect(jsonPath("$.recipients.PENDING").value(0));
        call(get("/api/v1/campaigns").param("status", "CANCELLED")).andExpect(jsonPath("$.totalItems").value(1));
        call(get("/api/v1/campaigns").param("status", "DRAFT")).andExpect(jsonPath("$.totalItems").value(0));
    }

    @Test
    void aPlanShowsWhatSchedulingWouldDoAndChangesNothing() throws Exception {
        fixtures.contact("anna@example.org", "Anna", "vip");
        long templateId = fixtures.template("Offer").id();
        long id = json
            .readTree(send(post("/api/v1/campaigns"),
                    "{\"name\": \"Spring sale\", \"templateId\": " + templateId
                            + ", \"audience\": {\"anyOf\": [\"vip\"]}}")
                .andReturn()
                .getResponse()
                .getContentAsString())
            .get("id")
            .asLong();
        java.time.Instant finish = planner
            .plan(id, java.time.LocalDateTime.parse("2099-03-01T09:30"), java.time.ZoneId.of("Europe/Berlin"))
            .estimatedFinish();

        send(post("/api/v1/campaigns/" + id + "/plan"),
                "{\"at\": \"2099-03-01T09:30:00\", \"zone\": \"Europe/Berlin\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.audienceCount").value(1))
            // nothing blocks; the pre-flight's warnings (no postal address here, a test
            // domain) are listed
            .andExpect(jsonPath("$.checks[?(@.severity == 'BLOCKING')]").isEmpty())
            .andExpect(jsonPath("$.checks[*].topic")
                .value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("PREFLIGHT"))))
            // one recipient at the default 30 a minute: the one estimator's finish, as
            // chat and the console show it
            .andExpect(jsonPath("$.estimatedFinish").value("2099-03-01T08:30:02Z"))
            .andExpect(jsonPath("$.estimatedFinish").value(finish.toString()));
        send(post("/api/v1/campaigns/" + id + "/plan"), "{\"at\": \"2000-01-01T00:00:00\"}").andExpect(status().isOk())
            .andExpect(jsonPath("$.checks[0].severity").value("BLOCKING"))
            .andExpect(jsonPath("$.checks[0].topic").value("TIME"))
            .andExpect(jsonPath("$.checks[0].message").value(containsString("is in the past")));
        call(get("/api/v1/campaigns/" + id)).andExpect(jsonPath("$.status").value("DRAFT"));
    }

    @Test
    void campaignErrorsNameTheField() throws Exception {
        send(post("/api/v1/campaigns"), "{\"name\": \"No template\"}").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("templateId"));
        long templateId = fixtures.template("Offer").id();
        send(post("/api/v1/campaigns"),
                "{\"name\": \"x\", \"templateId\": " + templateId + ", \"audience\": {\"anyOf\": [\"vpi\"]}}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("tags"));
        String body = send(post("/api/v1/campaigns"), "{\"name\": \"Nobody\", \"templateId\": " + templateId + "}")
            .andReturn()
            .getResponse()
            .getContentAsString();
        long id = json.readTree(body).get("id").asLong();
        send(post("/api/v1/campaigns/" + id + "/schedule"), "{\"zone\": \"Mars/Olympus\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("zone"));
        send(post("/api/v1/campaigns/" + id + "/schedule"), "{\"at\": \"2000-01-01T00:00:00\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("scheduledAt"));
        send(post("/api/v1/campaigns/" + id + "/schedule"), "{}").andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("audience"));
        call(get("/api/v1/campaigns/abc")).andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("id"));
        call(get("/api/v1/campaigns/424242")).andExpect(status().isNotFound());
    }

    @Test
    void theOpenApiDescriptionListsTheResources() throws Exception {
        String body = mvc.perform(get("/api/v1/openapi.json"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        JsonNode paths = json.readTree(body).get("paths");
        assertThat(paths.fieldNames()).toIterable()
            .contains("/api/v1/contacts", "/api/v1/contacts/{id}", "/api/v1/tags", "/api/v1/templates",
                    "/api/v1/campaigns", "/api/v1/campaigns/{id}/schedule", "/api/v1/campaigns/{id}/stats");
        assertThat(body).doesNotContain("/admin/");
        assertThat(json.readTree(body).at("/components/securitySchemes/apiToken/scheme").asText()).isEqualTo("bearer");
    }

}
