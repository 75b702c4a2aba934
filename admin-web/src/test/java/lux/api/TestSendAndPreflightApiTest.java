package lux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import lux.admin.ConsoleUser;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
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
 * "Send me a test" and the pre-flight check through the API and the console. No postal
 * address is configured and the pre-flight rule for it is on, so the campaign is blocked:
 * the verdict is shown, and scheduling is refused with it.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class,
        properties = { "lux.public-base-url=https://lux.example.com", "lux.preflight.require-postal-address=true",
                "lux.mail.postal-address=", "lux.mail.default-sender=news@lux.test" })
@AutoConfigureMockMvc
class TestSendAndPreflightApiTest {

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

    User mark;

    String token;

    long templateId;

    long campaignId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        mark = fixtures.user("mark@lux.test", Role.MARKETER);
        token = tokens
            .create("marketing", mark.getId(), java.time.Duration.ofDays(90),
                    new Actor(mark.getId(), "Mark", Channel.CONSOLE))
            .secret();
        fixtures.contact("anna@example.org", "Anna", "vip");
        templateId = fixtures.template("Offer").id();
        campaignId = fixtures.campaign("Spring sale", templateId, "vip").id();
    }

    ResultActions api(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
    }

    @Test
    void theApiSendsTestsToTheTokensOwnerOrGivenAddressesAndRefusesMoreThanFive() throws Exception {
        api(post("/api/v1/campaigns/" + campaignId + "/test"), "").andExpect(status().isOk())
            .andExpect(jsonPath("$.sentTo[0]").value("mark@lux.test"))
            .andExpect(jsonPath("$.subject").value("[Test] Hello Alex"));
        api(post("/api/v1/templates/" + templateId + "/test"),
                "{\"to\": [\"a@example.net\", \"b@example.net\"], \"contactEmail\": \"anna@example.org\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.sentTo.length()").value(2))
            .andExpect(jsonPath("$.subject").value("[Test] Hello Anna"))
            .andExpect(jsonPath("$.renderedFor").value("anna@example.org"));
        api(post("/api/v1/campaigns/" + campaignId + "/test"),
                "{\"to\": [\"1@x.net\", \"2@x.net\", \"3@x.net\", \"4@x.net\", \"5@x.net\", \"6@x.net\"]}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.field").value("to"))
            .andExpect(jsonPath("$.detail").value(startsWith("A test goes to at most 5 addresses; 6 were given.")));

        assertThat(jdbc.queryForList("SELECT recipient FROM outbox_message WHERE campaign_id IS NULL ORDER BY id",
                String.class))
            .containsExactly("mark@lux.test", "a@example.net", "b@example.net");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient", Long.class)).isZero();
        assertThat(campaigns.get(campaignId).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void theApiShowsThePreflightVerdictAndSchedulingIsRefusedWithIt() throws Exception {
        api(get("/api/v1/campaigns/" + campaignId + "/preflight"), "").andExpect(status().isOk())
            .andExpect(jsonPath("$.blocked").value(true))
            .andExpect(jsonPath("$.recipients").value(1))
            .andExpect(jsonPath("$.blocking[0].check").value("POSTAL_ADDRESS"))
            .andExpect(jsonPath("$.blocking[0].message").value(containsString("lux.mail.postal-address")));

        api(post("/api/v1/campaigns/" + campaignId + "/schedule"), "{}").andExpect(status().isUnprocessableEntity())
            .andExpect(jsonPath("$.type").value("urn:lux:problem:preflight-failed"))
            .andExpect(jsonPath("$.detail").value(startsWith(
                    "Campaign \"Spring sale\" cannot be scheduled until these are fixed: No postal address")))
            .andExpect(jsonPath("$.blocking[0].check").value("POSTAL_ADDRESS"));
        assertThat(campaigns.get(campaignId).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void theConsoleShowsTheVerdictBeforeSchedulingAndSendsTestsFromBothPages() throws Exception {
        mvc.perform(get("/admin/campaigns/" + campaignId).with(user(ConsoleUser.of(mark))))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("Pre-flight check")))
            .andExpect(content().string(containsString("No postal address")))
            .andExpect(content().string(containsString("id=\"test-send-button\"")));
        mvc.perform(get("/admin/templates/" + templateId).with(user(ConsoleUser.of(mark))))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("/admin/templates/" + templateId + "/test")));

        mvc.perform(post("/admin/campaigns/" + campaignId + "/test").param("to", "")
            .param("contactEmail", "anna@example.org")
            .with(user(ConsoleUser.of(mark)))
            .with(csrf()))
            .andExpect(redirectedUrl("/admin/campaigns/" + campaignId))
            .andExpect(flash().attribute("notice",
                    "Test \"[Test] Hello Anna\" sent to mark@lux.test (rendered for anna@example.org)."));
        mvc.perform(post("/admin/templates/" + templateId + "/test").param("to", "not-an-address")
            .with(user(ConsoleUser.of(mark)))
            .with(csrf()))
            .andExpect(redirectedUrl("/admin/templates/" + templateId))
            .andExpect(flash().attribute("error", startsWith("\"not-an-address\" is not an email address")));
        assertThat(jdbc.queryForList("SELECT recipient FROM outbox_message", String.class))
            .containsExactly("mark@lux.test");
    }

}
