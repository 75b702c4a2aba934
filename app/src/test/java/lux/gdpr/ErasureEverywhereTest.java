package lux.gdpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.UserMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.LuxApplication;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.delivery.DeliveryEngine;
import lux.imports.ContactImportService;
import lux.imports.ImportRequest;
import lux.imports.ImportSource;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.WholeDatabaseScan;
import lux.tracking.TrackingService;
import lux.users.ApiTokenService;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * GDPR export and erasure through the JSON API, with every module's data present at once:
 * the contact, a sent campaign (outbox, personalised links, an open with a user agent),
 * the audit trail, an import error report, the agent's chat memory (what the model was
 * sent) and the bot's stored conversation reference and attachment. After the erasure a
 * scan of every text column of every table finds nothing of the person, in any spelling.
 */
@DatabaseTest
@SpringBootTest(classes = LuxApplication.class,
        properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false",
                "lux.public-base-url=https://lux.example.com", "lux.mail.transport=outbox" })
@AutoConfigureMockMvc
class ErasureEverywhereTest {

    static final String ADA = "ada.lovelace@example.org";
    static final String UA = "Mozilla/5.0 (Ada's iPhone)";
    static final Pattern OPEN = Pattern.compile("/t/o/([A-Za-z0-9_-]+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    ContactImportService imports;

    @Autowired
    TrackingService tracking;

    @Autowired
    ObjectMapper json;

    String token;

    User admin;

    @BeforeEach
    void setUp() throws Exception {
        DatabaseCleaner.clean(jdbc);
        // GDPR requests are admin-only
        admin = users.create(new NewUser("mia@lux.test", "Mia", null, Role.ADMIN), Actor.system());
        Actor mia = new Actor(admin.getId(), "Mia", Channel.API);
        token = tokens.create("gdpr", admin.getId(), java.time.Duration.ofDays(90), mia).secret();

        // the contact, through the API, written as she typed it
        mvc.perform(post("/api/v1/contacts").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                    "{\"email\": \"Ada.Lovelace@Example.org\", \"firstName\": \"Ada\", \"lastName\": \"Lovelace\", \"tags\": [\"vip\"]}"))
            .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/contacts").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"email\": \"bob@example.org\", \"tags\": [\"vip\"]}")).andExpect(status().isCreated());

        // a campaign whose links carry her address, sent through the outbox; she opens it
        // on her phone
        long template = templates.create(new TemplateContent("Personal",
                "Hello {{ contact.first_name }} {{ contact.last_name }}",
                "<p>Hi {{ contact.first_name }}</p><a href=\"https://example.com/p?who={{ contact.email | urlencode }}\">yours</a> "
                        + "<a href=\"https://example.com/q?e={{ contact.email }}\">also</a>",
                null), mia)
            .id();
        CampaignView campaign = campaigns.schedule(
                campaigns.create(new NewCampaign("Spring", template, null, AudienceFilter.anyOf("vip")), mia).id(),
                null, null, mia);
        engine.startDueCampaigns();
        engine.work(Duration.ofSeconds(20));
        String html = jdbc.queryForObject("SELECT html_body FROM outbox_message WHERE recipient = ?", String.class,
                ADA);
        Matcher open = OPEN.matcher(html);
        assertThat(open.find()).isTrue();
        mvc.perform(get("/t/o/" + open.group(1)).header("User-Agent", UA)).andExpect(status().isOk());
        tracking.flush();
        assertThat(campaigns.get(campaign.id()).sentCount()).isEqualTo(2);

        // an import whose error report lists her row (first name too long)
        imports.importNow(new ImportRequest("list.csv",
                ImportSource.of(("email,first name\n" + ADA.toUpperCase() + "," + "A".repeat(101) + "\n")
                    .getBytes(StandardCharsets.UTF_8)),
                Set.of(), null), mia);

        // chat memory: what the agent sent to the model about her
        String memory = ChatMessageSerializer
            .messagesToJson(List.of(UserMessage.from("add Ada.Lovelace@example.org Ada Lovelace tag:vip"),
                    AiMessage.from("Added ada.lovelace@example.org (Ada Lovelace) with the tag vip.")));
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO chat_memory (memory_id, user_id, messages, updated_at) VALUES (?, ?, ?, ?)",
                admin.getId() + "|conv-1", admin.getId(), memory, now);
        jdbc.update("INSERT INTO chat_memory (memory_id, user_id, messages, updated_at) VALUES (?, ?, ?, ?)",
                admin.getId() + "|conv-2", admin.getId(),
                ChatMessageSerializer.messagesToJson(List.of(UserMessage.from("help"))), now);
        // the bot: a conversation reference that names her (a Teams user shown by
        // address) and a file named after her
        jdbc.update(
                "INSERT INTO teams_conversation (conversation_id, user_id, reference, zone, updated_at) VALUES ('conv-ada', ?, ?, 'UTC', ?)",
                admin.getId(),
                "{\"user\":{\"id\":\"29:1\",\"name\":\"Ada.Lovelace@example.org\"},\"conversation\":{\"id\":\"conv-ada\"},"
                        + "\"serviceUrl\":\"https://smba.trafficmanager.net/emea/\"}",
                now);
        jdbc.update(
                "INSERT INTO teams_conversation (conversation_id, user_id, reference, zone, updated_at) VALUES ('conv-mia', ?, ?, 'UTC', ?)",
                admin.getId(), "{\"user\":{\"id\":\"29:2\",\"name\":\"Mia\"},\"conversation\":{\"id\":\"conv-mia\"}}",
                now);
        jdbc.update(
                "INSERT INTO teams_upload (conversation_id, user_id, file_name, download_url, uploaded_at) VALUES ('conv-ada', ?, ?, ?, ?)",
                admin.getId(), "ada.lovelace@example.org.csv",
                "https://contoso.sharepoint.com/f/ada.lovelace%40example.org.csv", now);
        // the agent's confirmation gate: a reject whose reason names her
        jdbc.update(
                "INSERT INTO agent_confirmation (nonce_hash, user_id, kind, campaign_id, expires_at, created_at, note) "
                        + "VALUES ('n-reject', ?, 'REJECT', ?, ?, ?, ?)",
                admin.getId(), campaign.id(), now, now, "Ada.Lovelace@example.org asked not to be mailed");
    }

    @Test
    void exportHoldsEveryModulesDataAndErasureLeavesNothingAnywhere() throws Exception {
        String exported = mvc
            .perform(post("/api/v1/gdpr/export").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"ADA.LOVELACE@example.org\"}"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
            .andReturn()
            .getResponse()
            .getContentAsString();
        JsonNode export = json.readTree(exported);
        assertThat(export.path("contact").path("lastName").asText()).isEqualTo("Lovelace");
        assertThat(export.path("campaignsReceived")).hasSize(1);
        assertThat(export.path("trackingEvents").get(0).path("userAgent").asText()).isEqualTo(UA);
        assertThat(export.path("outboxMessages").get(0).path("subject").asText()).isEqualTo("Hello Ada Lovelace");
        assertThat(export.path("personalisedLinks")).hasSize(2);
        assertThat(export.path("auditEntries")).isNotEmpty();
        assertThat(export.path("importReports").get(0).path("rows").toString())
            .contains(ADA + ",The first name is longer");
        assertThat(export.path("chatMemory")).hasSize(1);
        assertThat(export.path("chatMemory").get(0).path("conversation").asText()).isEqualTo("conv-1");
        assertThat(export.path("teams").path("conversationReferences")).hasSize(1);
        assertThat(export.path("teams").path("attachments")).hasSize(1);
        assertThat(export.path("consentLedger").get(0).path("kind").asText()).isEqualTo("ADDED");
        assertThat(export.path("agentConfirmations").get(0).path("note").asText()).contains("Ada.Lovelace@example.org");
        // the scan sees her in every module's tables before (a scan that finds nothing
        // proves nothing)
        assertThat(WholeDatabaseScan.find(jdbc, ADA, "ada.lovelace%40example.org", "Lovelace", "Ada's iPhone"))
            .anyMatch(f -> f.startsWith("chat_memory."))
            .anyMatch(f -> f.startsWith("teams_conversation."))
            .anyMatch(f -> f.startsWith("agent_confirmation."))
            .anyMatch(f -> f.startsWith("teams_upload."))
            .anyMatch(f -> f.startsWith("campaign_link."))
            .anyMatch(f -> f.startsWith("tracking_event."))
            .anyMatch(f -> f.startsWith("contact_import."));

        String erased = mvc
            .perform(post("/api/v1/gdpr/erase").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \" Ada.Lovelace@EXAMPLE.org \"}"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        JsonNode result = json.readTree(erased);
        assertThat(result.path("contactDeleted").asBoolean()).isTrue();
        assertThat(result.path("others").path("chatMemory").asInt()).isEqualTo(1);
        assertThat(result.path("others").path("teams").asInt()).isEqualTo(2);
        assertThat(result.path("others").path("agentConfirmations").asInt()).isEqualTo(1);
        assertThat(result.path("others").path("personalisedLinks").asInt()).isEqualTo(2);

        // nothing of her anywhere: no address in any case or spelling, no name, no user
        // agent
        assertThat(WholeDatabaseScan.find(jdbc, ADA, "ada.lovelace%40example.org", "Lovelace", "Ada's iPhone"))
            .isEmpty();
        // what the law needs stays: her hash on the suppression list; everyone else's
        // data is untouched
        assertThat(jdbc.queryForList("SELECT reason FROM suppression WHERE kind = 'ADDRESS_HASH'", String.class))
            .containsExactly("ERASED");
        // and the consent ledger, by the address's hash only: how she consented and that
        // she asked to be erased
        assertThat(jdbc.queryForList("SELECT kind FROM consent_event WHERE email_hash = ? ORDER BY id", String.class,
                lux.suppression.SuppressionService.hash(ADA)))
            .containsExactly("ADDED", "ERASURE_REQUEST");
        assertThat(jdbc.queryForList("SELECT memory_id FROM chat_memory", String.class))
            .containsExactly(admin.getId() + "|conv-2");
        assertThat(jdbc.queryForList("SELECT conversation_id FROM teams_conversation", String.class))
            .containsExactly("conv-mia");
        // the decision stays, without her address
        assertThat(jdbc.queryForList("SELECT kind || ': ' || note FROM agent_confirmation", String.class))
            .containsExactly("REJECT: [erased] asked not to be mailed");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE email = 'bob@example.org'", Integer.class))
            .isOne();
        assertThat(json
            .readTree(mvc.perform(post("/api/v1/gdpr/export").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"" + ADA + "\"}")).andReturn().getResponse().getContentAsString())
            .path("contact")
            .isNull()).isTrue();
    }

    @Test
    void aRequestWithoutAnAddressIsRefusedAndNeedsAToken() throws Exception {
        mvc.perform(post("/api/v1/gdpr/erase").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}"))
            .andExpect(status().isBadRequest())
            .andExpect(content().string(org.hamcrest.Matchers.containsString("email")));
        mvc.perform(post("/api/v1/gdpr/erase").contentType(MediaType.APPLICATION_JSON)
            .content("{\"email\": \"" + ADA + "\"}")).andExpect(status().is4xxClientError()); // no
                                                                                              // token:
                                                                                              // refused,
                                                                                              // nothing
                                                                                              // erased
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact WHERE email = ?", Integer.class, ADA)).isOne();
    }

}
