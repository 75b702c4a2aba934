package lux.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.contacts.ContactView;
import lux.delivery.DeliveryEngine;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Segments, resends, the contact timeline and the self-refreshing campaign page, through
 * the API and the console.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class SegmentsWebTest {

    static final String GOLD = "{\"tags\":{\"anyOf\":[\"vip\"]},\"conditions\":[{\"type\":\"attributeEquals\",\"key\":\"plan\",\"value\":\"gold\"}]}";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    ObjectMapper json;

    ConsoleUser marketer;

    String token;

    ContactView ana;

    long templateId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        User mark = fixtures.user("mark@lux.test", Role.MARKETER);
        marketer = ConsoleUser.of(mark);
        token = tokens
            .create("api", mark.getId(), Duration.ofDays(30),
                    new Actor(mark.getId(), "Mark", lux.audit.Channel.CONSOLE))
            .secret();
        ana = fixtures.contact("ana@example.org", "Ana", "vip");
        fixtures.contact("bob@example.org", "Bob", "vip");
        jdbc.update("UPDATE contact SET attributes = '{\"plan\":\"gold\"}' WHERE email = 'ana@example.org'");
        templateId = fixtures.template("Offer").id();
    }

    ResultActions api(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
    }

    @Test
    void segmentsThroughTheApiCountPreviewAndBecomeACampaignAudience() throws Exception {
        api(post("/api/v1/segments/preview"), "{\"definition\": " + GOLD + ", \"sample\": 5}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.count").value(1))
            .andExpect(jsonPath("$.sample[0].email").value("ana@example.org"));
        String created = api(post("/api/v1/segments"), "{\"name\": \"Gold VIPs\", \"definition\": " + GOLD + "}")
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.description").value("active contacts tagged any of vip who plan is \"gold\""))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long segmentId = json.readTree(created).get("id").asLong();
        api(get("/api/v1/segments"), "").andExpect(jsonPath("$[*].name", hasItem("Gold VIPs")));

        String campaign = api(post("/api/v1/campaigns"),
                "{\"name\": \"Gold offer\", \"templateId\": " + templateId + ", \"segmentId\": " + segmentId + "}")
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        long campaignId = json.readTree(campaign).get("id").asLong();
        api(get("/api/v1/campaigns/" + campaignId + "/audience"), "")
            .andExpect(jsonPath("$.segmentId").value(segmentId))
            .andExpect(jsonPath("$.count").value(1))
            .andExpect(jsonPath("$.description").value("segment \"Gold VIPs\""));
        api(post("/api/v1/campaigns"), "{\"name\": \"x\", \"templateId\": " + templateId + ", \"segmentId\": 987654}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("segmentId"));
    }

    @Test
    void hostileDefinitionsAreRefusedWithTheFieldAndNothingChanges() throws Exception {
        api(post("/api/v1/segments"),
                "{\"name\": \"evil\", \"definition\": {\"conditions\": [{\"type\": \"attributeExists\", "
                        + "\"key\": \"plan\\\":\\\"gold\\\"}' OR 1=1 --\"}]}}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("conditions[0].key"))
            .andExpect(jsonPath("$.detail").value(containsString("is not an attribute name")));
        api(post("/api/v1/segments"),
                "{\"name\": \"evil\", \"definition\": {\"conditions\": [{\"type\": \"sql\", \"where\": \"1=1\"}]}}")
            .andExpect(status().isBadRequest());
        api(post("/api/v1/segments/preview"),
                "{\"definition\": {\"conditions\": [{\"type\": \"attributeEquals\", \"key\": \"plan\", "
                        + "\"value\": \"x' OR '1'='1\"}]}}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.count").value(0));
        api(get("/api/v1/segments"), "").andExpect(content().json("[]"));
    }

    @Test
    void resendTimelineAndTheLiveCampaignPage() throws Exception {
        CampaignView sale = fixtures.campaign("Sale", templateId, "vip");
        campaigns.schedule(sale.id(), null, null, Actor.system());
        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content()
                .string(containsString("data-progress-url=\"/admin/campaigns/" + sale.id() + "/progress\"")))
            .andExpect(content().string(containsString("/admin/assets/campaign-progress.js")));
        mvc.perform(get("/admin/campaigns/" + sale.id() + "/progress").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("scheduled"))
            .andExpect(jsonPath("$.live").value(true));

        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(30));
        mvc.perform(get("/admin/campaigns/" + sale.id() + "/progress").with(user(marketer)))
            .andExpect(jsonPath("$.status").value("sent"))
            .andExpect(jsonPath("$.live").value(false))
            .andExpect(jsonPath("$.sent").value(2))
            .andExpect(jsonPath("$.percent").value(100));
        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(content().string(not(containsString("data-progress-url"))))
            .andExpect(content().string(containsString("id=\"resend-button\"")));
        jdbc.update(
                "UPDATE campaign_recipient SET first_open_at = sent_at, human_open_at = sent_at WHERE email = 'ana@example.org'");

        String resend = api(post("/api/v1/campaigns/" + sale.id() + "/resend"),
                "{\"subject\": \"Last chance\", \"excludeClickers\": true}")
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.status").value("DRAFT"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        JsonNode draft = json.readTree(resend);
        api(get("/api/v1/campaigns/" + draft.get("id").asLong() + "/audience"), "")
            .andExpect(jsonPath("$.count").value(1))
            .andExpect(jsonPath("$.description")
                .value("recipients of campaign " + sale.id() + " who did not open it nor click in it"));
        mvc.perform(post("/admin/campaigns/" + sale.id() + "/resend").with(user(marketer))
            .with(csrf())
            .param("subject", ""))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("notice", containsString("for 1 non-openers")));

        api(get("/api/v1/contacts/" + ana.id() + "/timeline"), "").andExpect(status().isOk())
            .andExpect(jsonPath("$.engagement.score").value(33))
            .andExpect(jsonPath("$.entries[*].kind", hasItem("RECEIVED")))
            .andExpect(jsonPath("$.entries[*].summary", hasItem("Received \"Sale\"")));
        mvc.perform(get("/admin/contacts/" + ana.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("id=\"contact-timeline\"")))
            .andExpect(content().string(containsString("Received &quot;Sale&quot;")));
    }

    @Test
    void theConsoleBuildsSavesAndCountsSegmentsAndADraftCanUseOne() throws Exception {
        mvc.perform(get("/admin/segments/new").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("id=\"condition-row\"")))
            .andExpect(content().string(containsString("segments.js")));
        mvc.perform(post("/admin/segments/preview").with(user(marketer)).with(csrf()).param("definition", GOLD))
            .andExpect(jsonPath("$.count").value(1));
        mvc.perform(post("/admin/segments/preview").with(user(marketer))
            .with(csrf())
            .param("definition", "{\"conditions\":[{\"type\":\"emailDomain\",\"domain\":\"a' --\"}]}"))
            .andExpect(jsonPath("$.error").value(containsString("is not a domain")));
        mvc.perform(post("/admin/segments").with(user(marketer))
            .with(csrf())
            .param("name", "Gold")
            .param("definition", GOLD))
            .andExpect(status().is3xxRedirection())
            .andExpect(header().string("Location", "/admin/segments"));
        mvc.perform(get("/admin/segments").with(user(marketer)))
            .andExpect(content().string(containsString("plan is &quot;gold&quot;")));
        long segmentId = jdbc.queryForObject("SELECT id FROM segment WHERE name = 'Gold'", Long.class);

        CampaignView draft = fixtures.campaign("Draft", templateId, "vip");
        mvc.perform(get("/admin/campaigns/" + draft.id()).with(user(marketer)))
            .andExpect(content().string(containsString("id=\"segment-choice\"")))
            .andExpect(content().string(containsString("Segment: Gold")));
        mvc.perform(post("/admin/campaigns/" + draft.id() + "/audience").with(user(marketer))
            .with(csrf())
            .param("segmentId", String.valueOf(segmentId)))
            .andExpect(flash().attribute("notice", containsString("segment \"Gold\"")));
        org.assertj.core.api.Assertions.assertThat(campaigns.segmentOf(draft.id())).isEqualTo(segmentId);
        mvc.perform(post("/admin/segments/" + segmentId + "/delete").with(user(marketer)).with(csrf()))
            .andExpect(flash().attribute("error", containsString("is the audience of Draft")));
    }

}
