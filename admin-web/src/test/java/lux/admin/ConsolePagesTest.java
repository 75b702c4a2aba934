package lux.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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

import java.time.LocalDateTime;
import java.time.ZoneId;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.testsupport.ConsoleFixtures;
import lux.testsupport.ConsoleTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.ApiTokenService;
import lux.users.Role;
import lux.users.User;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Each console page renders with real data, and its forms change it through the services.
 */
@DatabaseTest
@SpringBootTest(classes = ConsoleTestApplication.class)
@AutoConfigureMockMvc
class ConsolePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConsoleFixtures fixtures;

    @Autowired
    UserService users;

    @Autowired
    lux.users.LinkCodeService linkCodes;

    @Autowired
    ContactService contacts;

    @Autowired
    CampaignService campaigns;

    @Autowired
    lux.campaigns.SchedulePlanner planner;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    lux.imports.ContactImportService imports;

    @Autowired
    lux.delivery.DeliveryEngine engine;

    @Autowired
    lux.delivery.outbox.OutboxService outbox;

    ConsoleUser admin;

    ConsoleUser marketer;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        admin = ConsoleUser.of(fixtures.user("ada@lux.test", Role.ADMIN));
        marketer = ConsoleUser.of(fixtures.user("mark@lux.test", Role.MARKETER));
    }

    @Test
    void theCampaignPageShowsTheSchedulePlansFinish() throws Exception {
        fixtures.contact("anna@example.org", "Anna", "vip");
        fixtures.contact("ben@example.org", "Ben", "vip");
        CampaignView sale = fixtures.campaign("Spring sale", fixtures.template("Offer").id(), "vip");
        java.time.Instant planned = planner
            .plan(sale.id(), LocalDateTime.of(2099, 3, 1, 9, 0), ZoneId.of("Europe/Berlin"))
            .estimatedFinish();
        CampaignView scheduled = campaigns.schedule(sale.id(), LocalDateTime.of(2099, 3, 1, 9, 0),
                ZoneId.of("Europe/Berlin"), Actor.system());

        // 2 recipients at the default 30 a minute from 08:00 UTC: the same instant the
        // plan (and the chat card) gives
        assertThat(planned).isEqualTo(java.time.Instant.parse("2099-03-01T08:00:04Z"))
            .isEqualTo(planner.estimatedFinish(scheduled));
        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content()
                .string(containsString("data-progress-field=\"estimatedFinish\">2099-03-01T08:00:04Z</span>")));
    }

    @Test
    void dashboardAndCampaignPagesShowStatusProgressAndActions() throws Exception {
        fixtures.contact("anna@example.org", "Anna", "vip");
        long templateId = fixtures.template("Offer").id();
        CampaignView sale = fixtures.campaign("Spring sale", templateId, "vip");
        campaigns.schedule(sale.id(), LocalDateTime.of(2099, 3, 1, 9, 0), ZoneId.of("Europe/Berlin"), Actor.system());

        mvc.perform(get("/admin").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("Spring sale")))
            .andExpect(content().string(containsString("Campaigns by status")));
        mvc.perform(get("/admin/campaigns").with(user(marketer)).param("status", "SCHEDULED"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("Spring sale")));
        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("scheduled")))
            .andExpect(content().string(containsString("Offer")))
            .andExpect(content().string(containsString("Pause")))
            .andExpect(content().string(containsString("Europe/Berlin")));

        mvc.perform(post("/admin/campaigns/" + sale.id() + "/pause").with(user(marketer)).with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andExpect(flash().attribute("notice", "Campaign \"Spring sale\" is now paused."));
        assertThat(campaigns.get(sale.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        mvc.perform(post("/admin/campaigns/" + sale.id() + "/cancel").with(user(marketer)).with(csrf()));
        mvc.perform(post("/admin/campaigns/" + sale.id() + "/resume").with(user(marketer)).with(csrf()))
            .andExpect(flash().attribute("error", containsString("cancelled")));
        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(content().string(not(containsString("Resume</button>"))));
    }

    @Test
    void contactsSearchAddTagAndChangeStatus() throws Exception {
        fixtures.contact("anna@example.org", "Anna", "vip");
        mvc.perform(post("/admin/contacts").with(user(marketer))
            .with(csrf())
            .param("email", "bob@example.org")
            .param("firstName", "Bob")
            .param("tags", "news, vip")).andExpect(flash().attribute("notice", "Added bob@example.org."));
        mvc.perform(get("/admin/contacts").with(user(marketer)).param("tag", "vip"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("anna@example.org")))
            .andExpect(content().string(containsString("bob@example.org")))
            .andExpect(content().string(containsString("<span>2</span> contacts found")));
        mvc.perform(get("/admin/contacts").with(user(marketer)).param("tag", "nosuch"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("Unknown tag nosuch")));
        ContactView bob = contacts.findByEmail("bob@example.org").orElseThrow();
        mvc.perform(
                post("/admin/contacts/" + bob.id() + "/tags").with(user(marketer)).with(csrf()).param("tags", "beta"));
        mvc.perform(post("/admin/contacts/" + bob.id() + "/tags/remove").with(user(marketer))
            .with(csrf())
            .param("tag", "news"));
        mvc.perform(post("/admin/contacts/" + bob.id() + "/status").with(user(marketer))
            .with(csrf())
            .param("status", "UNSUBSCRIBED"));
        assertThat(contacts.get(bob.id()).tags()).containsExactlyInAnyOrder("beta", "vip");
        mvc.perform(get("/admin/contacts/" + bob.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("UNSUBSCRIBED")));
        mvc.perform(post("/admin/contacts").with(user(marketer)).with(csrf()).param("email", "anna@example.org"))
            .andExpect(flash().attribute("error", containsString("already exists")));
    }

    @Test
    void templateEditorSavesKeepsTypedTextOnErrorsAndPreviewsForAContact() throws Exception {
        fixtures.contact("anna@example.org", "Anna");
        mvc.perform(get("/admin/templates/new").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("sandbox=\"\"")));
        mvc.perform(post("/admin/templates").with(user(marketer))
            .with(csrf())
            .param("name", "Broken")
            .param("subject", "Hi")
            .param("htmlBody", "<p>{% if %}</p>"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("problem on line 1")))
            .andExpect(content().string(containsString("{% if %}")));
        mvc.perform(post("/admin/templates").with(user(marketer))
            .with(csrf())
            .param("name", "Welcome")
            .param("subject", "Hi {{ contact.first_name }}")
            .param("htmlBody", "<p>Hello {{ contact.first_name }}</p>")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/templates").with(user(marketer)))
            .andExpect(content().string(containsString("Welcome")));
        mvc.perform(post("/admin/templates/preview").with(user(marketer))
            .with(csrf())
            .param("subject", "Hi {{ contact.first_name }}")
            .param("htmlBody", "<p>Hello {{ contact.first_name }}</p>")
            .param("contact", "anna@example.org"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.subject").value("Hi Anna"))
            .andExpect(jsonPath("$.html").value(containsString("Hello Anna")));
        mvc.perform(post("/admin/templates/preview").with(user(marketer))
            .with(csrf())
            .param("subject", "x")
            .param("htmlBody", "y")
            .param("contact", "nobody@example.org"))
            .andExpect(status().isUnprocessableEntity())
            .andExpect(jsonPath("$.error").value("No contact has the address nobody@example.org."));
    }

    @Test
    void adminsManageUsersAndPasswordsAreHashedOrShownOnce() throws Exception {
        mvc.perform(post("/admin/users").with(user(admin))
            .with(csrf())
            .param("email", "Mia@Lux.test")
            .param("displayName", "Mia")
            .param("role", "MARKETER"))
            .andExpect(flash().attribute("notice", "Created mia@lux.test as MARKETER."))
            .andExpect(flash().attributeExists("oneTimeSecret"));
        User mia = users.findByEmail("mia@lux.test").orElseThrow();
        mvc.perform(post("/admin/users").with(user(admin))
            .with(csrf())
            .param("email", "short@lux.test")
            .param("role", "MARKETER")
            .param("password", "short"))
            .andExpect(flash().attribute("error", containsString("at least 12 characters")));

        mvc.perform(
                post("/admin/users/" + mia.getId() + "/role").with(user(admin)).with(csrf()).param("role", "ADMIN"));
        mvc.perform(post("/admin/users/" + mia.getId() + "/teams").with(user(admin))
            .with(csrf())
            .param("aadObjectId", "AAD-42"));
        mvc.perform(post("/admin/users/" + mia.getId() + "/enabled").with(user(admin))
            .with(csrf())
            .param("enabled", "false"));
        mvc.perform(post("/admin/users/" + mia.getId() + "/password").with(user(admin))
            .with(csrf())
            .param("password", "a brand new passphrase"));
        User changed = users.get(mia.getId());
        assertThat(changed.getRole()).isEqualTo(Role.ADMIN);
        assertThat(changed.getAadObjectId()).isEqualTo("aad-42");
        assertThat(changed.isEnabled()).isFalse();
        assertThat(encoder.matches("a brand new passphrase", changed.getPasswordHash())).isTrue();

        mvc.perform(post("/admin/users/" + admin.userId() + "/enabled").with(user(admin))
            .with(csrf())
            .param("enabled", "false"))
            .andExpect(flash().attribute("error", containsString("cannot disable your own account")));
        mvc.perform(get("/admin/users").with(user(admin)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("aad-42")))
            .andExpect(content().string(containsString("mia@lux.test")));
    }

    /**
     * The console shows a one-time code; redeeming it (what the bot does for "link CODE")
     * links that Teams identity.
     */
    @Test
    void adminsGiveOneTimeLinkCodesThatLinkTeamsIdentities() throws Exception {
        User kim = users.create(new lux.users.NewUser("kim@lux.test", "Kim", null, Role.MARKETER),
                lux.audit.Actor.system());
        mvc.perform(get("/admin/users").with(user(admin)))
            .andExpect(content().string(containsString("one-time link code")));
        org.springframework.test.web.servlet.MvcResult result = mvc
            .perform(post("/admin/users/" + kim.getId() + "/teams/code").with(user(admin)).with(csrf()))
            .andExpect(flash().attribute("notice", containsString("Ask kim@lux.test to send \"link ")))
            .andReturn();
        String code = (String) result.getFlashMap().get("oneTimeSecret");
        assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(linkCodes.redeem("link " + code, "AAD-KIM").getEmail()).isEqualTo("kim@lux.test");
        assertThat(users.get(kim.getId()).getAadObjectId()).isEqualTo("aad-kim");
    }

    @Test
    void tokensAuditAndSettingsPages() throws Exception {
        mvc.perform(post("/admin/tokens").with(user(admin)).with(csrf()).param("name", "CRM").param("role", "MARKETER"))
            .andExpect(flash().attribute("oneTimeSecret", containsString("lux_")));
        assertThat(tokens.list()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("CRM"));
        mvc.perform(get("/admin/tokens").with(user(admin)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("CRM")));
        mvc.perform(get("/admin/audit").with(user(admin)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("api-token.create")))
            .andExpect(content().string(containsString("CONSOLE")));
        mvc.perform(get("/admin/settings").with(user(admin)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("lux.mail.transport")))
            .andExpect(content().string(containsString("outbox")))
            .andExpect(content().string(containsString("lux.graph.send-format")))
            .andExpect(content().string(containsString("lux.campaigns.approval.required")));
    }

    @Test
    void contactsExportAsCsvAndGdprExportAndEraseAfterConfirmation() throws Exception {
        ContactView anna = fixtures.contact("anna@example.org", "Anna", "vip");
        fixtures.contact("bob@example.org", "Bob");
        String csv = mvc.perform(get("/admin/contacts/export.csv").with(user(marketer)).param("tag", "vip"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/csv"))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(csv).startsWith("email,").contains("anna@example.org").doesNotContain("bob@example.org");

        mvc.perform(get("/admin/contacts/" + anna.id() + "/gdpr-export").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("anna@example.org")));
        // Erasure is for admins, as in the API (a marketer does not even see the form).
        mvc.perform(get("/admin/contacts/" + anna.id()).with(user(marketer)))
            .andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"gdpr-erase\""))));
        mvc.perform(post("/admin/contacts/" + anna.id() + "/erase").with(user(marketer))
            .with(csrf())
            .param("confirm", "Anna@Example.org")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/contacts/" + anna.id() + "/erase").with(user(admin))
            .with(csrf())
            .param("confirm", "bob@example.org"))
            .andExpect(flash().attribute("error", containsString("nothing was erased")));
        assertThat(contacts.findByEmail("anna@example.org")).isPresent();
        mvc.perform(post("/admin/contacts/" + anna.id() + "/erase").with(user(admin))
            .with(csrf())
            .param("confirm", "Anna@Example.org"))
            .andExpect(flash().attribute("notice", containsString("Erased the address everywhere")));
        assertThat(contacts.findByEmail("anna@example.org")).isEmpty();
    }

    @Test
    void exportedCellsThatWouldRunAsFormulasAreQuotedAndPlainNumbersStayReadable() throws Exception {
        contacts.create(
                new lux.contacts.NewContact("eve@example.org", "=HYPERLINK(\"http://evil\",\"x\")", "@SUM(A1:A9)",
                        "-Minus Corp", java.util.Map.of("phone", "+1 555 0100", "balance", "-42.50", "macro",
                                "-2+3+cmd|' /C calc'!A0", "note", "+thanks"),
                        java.util.Set.of("vip"), "test"),
                Actor.system());

        String csv = mvc.perform(get("/admin/contacts/export.csv").with(user(marketer)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

        var record = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
            .setHeader()
            .get()
            .parse(new java.io.StringReader(csv))
            .getRecords()
            .get(0);
        assertThat(record.get("email")).isEqualTo("eve@example.org");
        assertThat(record.get("first_name")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(record.get("last_name")).isEqualTo("'@SUM(A1:A9)");
        assertThat(record.get("company")).isEqualTo("'-Minus Corp");
        assertThat(record.get("macro")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(record.get("note")).isEqualTo("'+thanks");
        assertThat(record.get("phone")).isEqualTo("+1 555 0100"); // no letters, nothing
                                                                  // to call: left
                                                                  // readable
        assertThat(record.get("balance")).isEqualTo("-42.50");

        // the console's error report download: a formula in the address column comes back
        // quoted too
        long id = imports
            .importNow(
                    new lux.imports.ImportRequest("bad.csv",
                            lux.imports.ImportSource.of("email\n\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            java.util.Set.of(), null),
                    Actor.system())
            .id();
        String report = mvc.perform(get("/admin/imports/" + id + "/errors.csv").with(user(marketer)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        var row = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
            .setHeader()
            .get()
            .parse(new java.io.StringReader(report))
            .getRecords()
            .get(0);
        assertThat(row.get("line")).isEqualTo("2");
        assertThat(row.get("email")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(row.get("problem")).doesNotStartWith("=");
    }

    @Test
    void importPagesUploadAndShowTheOutcome() throws Exception {
        mvc.perform(get("/admin/imports").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("enctype=\"multipart/form-data\"")));
        String location = mvc
            .perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/admin/imports")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "list.csv", "text/csv",
                        "email\nzoe@example.org\nbroken\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .param("tags", "imported")
                .with(user(marketer))
                .with(csrf()))
            .andExpect(status().is3xxRedirection())
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
        assertThat(location).matches("/admin/imports/\\d+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        for (int i = 0; i < 300 && !imports.get(id).status().done(); i++) {
            Thread.sleep(100);
        }
        mvc.perform(get(location).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("FINISHED")))
            .andExpect(content().string(containsString("errors.csv")))
            .andExpect(content().string(not(containsString("http-equiv=\"refresh\""))));
        mvc.perform(get(location + "/errors.csv").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("broken")));
        assertThat(contacts.findByEmail("zoe@example.org")).get()
            .satisfies(c -> assertThat(c.tags()).contains("imported"));
    }

    @Test
    void aSentCampaignShowsItsStatsAndItsMailInTheSandboxedOutbox() throws Exception {
        fixtures.contact("anna@example.org", "Anna", "vip");
        fixtures.contact("bob@example.org", "Bob", "vip");
        long templateId = fixtures.template("Offer").id();
        CampaignView sale = fixtures.campaign("Flash sale", templateId, "vip");
        campaigns.schedule(sale.id(), null, null, Actor.system());
        engine.startDueCampaigns();
        engine.work(java.time.Duration.ofSeconds(30));
        assertThat(campaigns.get(sale.id()).status()).isEqualTo(CampaignStatus.SENT);

        mvc.perform(get("/admin/campaigns/" + sale.id()).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("Open rate (people)")))
            .andExpect(content().string(containsString("Bounced hard / soft")))
            .andExpect(content().string(containsString("https://example.org/offer")))
            .andExpect(content().string(containsString("data-chart=")));
        mvc.perform(get("/api/v1/campaigns/" + sale.id() + "/stats").with(user(marketer)))
            .andExpect(jsonPath("$.recipients.SENT").value(2))
            .andExpect(jsonPath("$.engagement.sent").value(2))
            .andExpect(jsonPath("$.engagement.deliverability.accepted").value(2))
            .andExpect(jsonPath("$.engagement.deliverability.delivered").value(2))
            .andExpect(jsonPath("$.engagement.deliverability.hardBounces").value(0))
            .andExpect(jsonPath("$.engagement.deliverability.replies").value(0))
            .andExpect(jsonPath("$.engagement.links[0].url").value("https://example.org/offer"));
        mvc.perform(get("/admin").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("engagement-chart")));

        String list = mvc
            .perform(get("/admin/outbox").with(user(marketer)).param("campaignId", String.valueOf(sale.id())))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("anna@example.org")))
            .andExpect(content().string(containsString("Hello Anna")))
            .andReturn()
            .getResponse()
            .getContentAsString();
        long messageId = outbox.list(sale.id(), 0, 10).get(0).id();
        assertThat(list).contains("/admin/outbox/" + messageId);
        mvc.perform(get("/admin/outbox/" + messageId).with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("sandbox=\"\"")))
            .andExpect(content().string(containsString("/admin/outbox/" + messageId + "/body")));
        mvc.perform(get("/admin/outbox/" + messageId + "/body").with(user(marketer)))
            .andExpect(status().isOk())
            .andExpect(header().stringValues("Content-Security-Policy",
                    org.hamcrest.Matchers.hasItem(containsString("sandbox; default-src 'none'"))))
            .andExpect(content().string(containsString("/t/c/")));
    }

    @Test
    void settingsNeverShowSecretValues() {
        assertThat(SettingsController.withoutPassword("jdbc:postgresql://db/lux?user=lux&password=s3cret&ssl=true"))
            .isEqualTo("jdbc:postgresql://db/lux?user=lux&password=***&ssl=true");
    }

}
