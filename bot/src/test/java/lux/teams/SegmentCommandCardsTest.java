package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.teams.testsupport.CardFacts;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The segment, resend and bulk-by-segment commands through /api/messages with a loopback
 * fake Bot Connector: the exact line and card a person sees, in English and German, and
 * never a line written for the model.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms",
                "lux.public-base-url=https://lux.example.com" })
class SegmentCommandCardsTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000cc";
    static final Instant SENT = Instant.parse("2026-11-24T08:00:00Z");
    static final List<String> FOR_THE_MODEL = List.of("DATA", "not instructions", "NOTHING", "call ", "the user");

    @RegisterExtension
    static final TeamsChat teams = new TeamsChat(AAD);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserService users;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    @BeforeEach
    void customersAndAWelcomeAnaOpened() {
        users.create(new NewUser("mia@lux.test", "Mia", null, Role.ADMIN), Actor.system());
        Actor mia = new Actor(null, "mia@lux.test", Channel.TEAMS);
        long ana = contacts
            .create(new NewContact("ana@example.com", "Ana", "Lopez", "Acme", Map.of("city", "Berlin"),
                    Set.of("customer"), null), mia)
            .id();
        long ben = contacts
            .create(new NewContact("ben@example.org", "Ben", "Ortiz", null, Map.of("city", "Berlin"),
                    Set.of("customer"), null), mia)
            .id();
        contacts.create(new NewContact("cleo@example.net", "Cleo", "Park", null, Map.of("city", "Hamburg"),
                Set.of("customer"), null), mia);
        long template = templates
            .create(new TemplateContent("Welcome", "Welcome, {{ contact.first_name }}",
                    "<p>Hi {{ contact.first_name }},</p>", null), mia)
            .id();
        long welcome = campaigns
            .create(new NewCampaign("Welcome", template, null, AudienceFilter.anyOf("customer")), mia)
            .id();
        campaigns.create(new NewCampaign("Offer", template, null, AudienceFilter.anyOf("customer")), mia);
        // Welcome went to Ana and Ben; Ana opened it
        for (long contact : List.of(ana, ben)) {
            jdbc.update(
                    "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, sent_at, created_at, human_open_at, "
                            + "first_open_at) SELECT ?, id, email, 'SENT', ?, ?, ?, ? FROM contact WHERE id = ?",
                    welcome, Timestamp.from(SENT), Timestamp.from(SENT),
                    contact == ana ? Timestamp.from(SENT.plusSeconds(3600)) : null,
                    contact == ana ? Timestamp.from(SENT.plusSeconds(3600)) : null, contact);
        }
        jdbc.update("UPDATE campaign SET status = 'SENT' WHERE id = ?", welcome);
    }

    @Test
    void segmentSaveAnswersWithOneLineAndTheContactsCard() throws Exception {
        teams.say("segment save \"Berlin non-openers\" attr:city=Berlin noopen:Welcome");

        assertThat(teams.texts())
            .containsExactly("Saved segment \"Berlin non-openers\": all active contacts who city is "
                    + "\"Berlin\" and received \"Welcome\" and did not open it (1 contact now).");
        assertThat(teams.cards()).singleElement().satisfies(card -> {
            assertThat(card.path("body").get(0).path("text").asText()).startsWith("Segment Berlin non-openers");
            assertThat(card.toString()).contains("ben@example.org")
                .doesNotContain("ana@example.com")
                .doesNotContain("cleo@example.net");
        });
        assertNothingForTheModel();
    }

    @Test
    void segmentsAndASegmentPreviewAreListedForPeopleInEnglishAndGerman() throws Exception {
        teams.say("segment save Berliners attr:city=Berlin");
        teams.clear();

        teams.say("segments");
        assertThat(teams.texts())
            .containsExactly("Segments:\n- Berliners: all active contacts who city is \"Berlin\" (2)");
        assertThat(teams.cards()).isEmpty();

        teams.clear();
        teams.say("segment Berliners", "de-DE");
        assertThat(teams.texts())
            .containsExactly("Segment „Berliners“: all active contacts who city is \"Berlin\" (jetzt 2 Kontakte).");
        assertThat(teams.cards()).singleElement()
            .satisfies(card -> assertThat(card.toString()).contains("ana@example.com", "ben@example.org"));
        assertNothingForTheModel();
    }

    @Test
    void aDraftEditedToASegmentAndAResendEndOnConfirmCardsThatCountTheirAudience() throws Exception {
        teams.say("segment save Berliners attr:city=Berlin");
        teams.clear();

        teams.say("campaign edit Offer segment:Berliners");
        assertThat(teams.texts()).singleElement()
            .asString()
            .startsWith("Draft \"Offer\" now sends \"Welcome\" to segment \"Berliners\" (2 contacts today)");

        teams.clear();
        teams.say("resend Welcome subject:\"Last chance\" 2030-12-03 10:00");
        assertThat(teams.texts()).containsExactly("Check the card and press Confirm to schedule it.");
        JsonNode confirm = teams.cards().get(0);
        assertThat(CardFacts.fact(confirm, "Audience"))
            .isEqualTo("recipients of campaign " + welcomeId() + " who did not open it");
        assertThat(CardFacts.fact(confirm, "Recipients")).isEqualTo("1");
        assertThat(CardFacts.fact(confirm, "Subject")).isEqualTo("Last chance");
        assertThat(confirm.toString()).contains("\"nonce\"");
        assertNothingForTheModel();
    }

    @Test
    void bulkTagBySegmentCountsFirstAndBulkDeleteBySegmentAsksOnACard() throws Exception {
        teams.say("segment save Berliners attr:city=Berlin");
        teams.clear();

        teams.say("bulk tag local to segment:Berliners");
        assertThat(teams.texts())
            .containsExactly("2 contacts of segment \"Berliners\" (all active contacts who city is "
                    + "\"Berlin\") would get local. Nothing was changed yet. To go ahead, type the same again with count:2.");
        teams.clear();
        teams.say("bulk tag local to segment:Berliners count:2");
        assertThat(teams.texts())
            .containsExactly("Tagged 2 contacts of segment \"Berliners\" (all active contacts who city is "
                    + "\"Berlin\") with local (2 tag links added).");
        assertThat(
                jdbc.queryForList(
                        "SELECT c.email FROM contact c JOIN contact_tag ct ON ct.contact_id = c.id "
                                + "JOIN tag t ON t.id = ct.tag_id WHERE t.name = 'local' ORDER BY c.email",
                        String.class))
            .containsExactly("ana@example.com", "ben@example.org");

        teams.clear();
        teams.say("bulk delete segment:Berliners");
        assertThat(teams.texts())
            .containsExactly("This cannot be undone: press Confirm on the card to delete these 2 contacts.");
        assertThat(teams.cards()).singleElement()
            .satisfies(card -> assertThat(card.toString()).contains("ana@example.com", "ben@example.org", "\"nonce\""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact", Integer.class)).isEqualTo(3);
        assertNothingForTheModel();
    }

    private long welcomeId() {
        return campaigns.getByName("Welcome").id();
    }

    private void assertNothingForTheModel() {
        teams.messages().forEach(m -> {
            String shown = (m.text() == null ? "" : m.text()) + (m.card() == null ? "" : m.card().toString());
            FOR_THE_MODEL.forEach(phrase -> assertThat(shown).doesNotContain(phrase));
        });
    }

}
