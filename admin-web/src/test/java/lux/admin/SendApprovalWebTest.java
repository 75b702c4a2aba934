package lux.admin;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
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

/**
 * Send approval on: the API and the console ask, a second person approves or rejects, the
 * requester cannot.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class, properties = "lux.campaigns.approval.required=true")
@AutoConfigureMockMvc
class SendApprovalWebTest {

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

    User mia;

    User ana;

    String miaToken;

    String anaToken;

    long campaignId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        mia = fixtures.user("mia@lux.test", Role.MARKETER);
        ana = fixtures.user("ana@lux.test", Role.ADMIN);
        miaToken = tokens
            .create("mia's script", null, java.time.Duration.ofDays(90), new Actor(mia.getId(), "Mia", Channel.CONSOLE))
            .secret();
        anaToken = tokens
            .create("ana's script", null, java.time.Duration.ofDays(90), new Actor(ana.getId(), "Ana", Channel.CONSOLE))
            .secret();
        fixtures.contact("anna@example.org", "Anna", "vip");
        campaignId = fixtures.campaign("Spring sale", fixtures.template("Offer").id(), "vip").id();
    }

    @Test
    void apiSchedulingAsksAndOnlyASecondPersonApproves() throws Exception {
        mvc.perform(post("/api/v1/campaigns/" + campaignId + "/schedule").header("Authorization", "Bearer " + miaToken)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"at\": \"2099-03-01T09:00\", \"zone\": \"Europe/Berlin\"}"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("DRAFT"))
            .andExpect(jsonPath("$.approval.state").value("PENDING"))
            .andExpect(jsonPath("$.scheduledAt").value("2099-03-01T08:00:00Z"));
        mvc.perform(get("/api/v1/campaigns/pending-approval").header("Authorization", "Bearer " + anaToken))
            .andExpect(jsonPath("$.totalItems").value(1))
            .andExpect(jsonPath("$.items[0].id").value(campaignId));

        mvc.perform(post("/api/v1/campaigns/" + campaignId + "/approve").header("Authorization", "Bearer " + miaToken))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").value(containsString("second person")));

        mvc.perform(post("/api/v1/campaigns/" + campaignId + "/approve").header("Authorization", "Bearer " + anaToken))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("SCHEDULED"))
            .andExpect(jsonPath("$.approval.state").value("APPROVED"));
        mvc.perform(post("/api/v1/campaigns/" + campaignId + "/approve").header("Authorization", "Bearer " + anaToken))
            .andExpect(status().isConflict());
    }

    @Test
    void apiRejectionCarriesTheReason() throws Exception {
        campaigns.schedule(campaignId, null, null, new Actor(mia.getId(), "Mia", Channel.TEAMS));
        mvc.perform(post("/api/v1/campaigns/" + campaignId + "/reject").header("Authorization", "Bearer " + anaToken)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\": \"Not before the launch\"}"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("DRAFT"))
            .andExpect(jsonPath("$.approval.state").value("REJECTED"))
            .andExpect(jsonPath("$.approval.note").value("Not before the launch"));
    }

    @Test
    void consoleShowsTheRequestAndLetsOnlyTheSecondPersonDecide() throws Exception {
        CampaignView asked = campaigns.schedule(campaignId, null, null, new Actor(mia.getId(), "Mia", Channel.TEAMS));

        mvc.perform(get("/admin").with(user(ConsoleUser.of(ana))))
            .andExpect(content().string(containsString("1 send waits for a second person&#39;s approval")));
        mvc.perform(get("/admin/campaigns").with(user(ConsoleUser.of(ana))))
            .andExpect(content().string(containsString("Waiting for a second person")))
            .andExpect(content().string(containsString("awaiting approval")));
        mvc.perform(get("/admin/campaigns/" + asked.id()).with(user(ConsoleUser.of(mia))))
            .andExpect(content().string(containsString("Withdraw my request")))
            .andExpect(content().string(not(containsString("id=\"approve-button\""))))
            .andExpect(content().string(containsString("a second person must approve")));
        mvc.perform(post("/admin/campaigns/" + asked.id() + "/approve").with(user(ConsoleUser.of(mia))).with(csrf()))
            .andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/campaigns/" + asked.id()).with(user(ConsoleUser.of(ana))))
            .andExpect(content().string(containsString("id=\"approve-button\"")));
        // without the CSRF token nothing happens
        mvc.perform(post("/admin/campaigns/" + asked.id() + "/approve").with(user(ConsoleUser.of(ana))))
            .andExpect(status().isForbidden());
        org.assertj.core.api.Assertions.assertThat(campaigns.get(asked.id()).awaitingApproval()).isTrue();

        mvc.perform(post("/admin/campaigns/" + asked.id() + "/approve").with(user(ConsoleUser.of(ana))).with(csrf()))
            .andExpect(status().is3xxRedirection());
        org.assertj.core.api.Assertions.assertThat(campaigns.get(asked.id()).status()).hasToString("SCHEDULED");
        mvc.perform(get("/admin/campaigns/" + asked.id()).with(user(ConsoleUser.of(ana))))
            .andExpect(content().string(containsString("Send approval: <span>approved</span>")));
    }

}
