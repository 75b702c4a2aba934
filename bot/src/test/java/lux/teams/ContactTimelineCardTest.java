package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
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
 * "who ana@example.com" in command mode, through /api/messages with a loopback fake Bot
 * Connector: the person gets exactly one card, the contact with its engagement and
 * timeline, and no line written for the model. Also: the activity's Teams locale decides
 * how a slashed date is read.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms",
                "lux.public-base-url=https://lux.example.com" })
class ContactTimelineCardTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000bb";
    static final Instant ADDED = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant SENT = Instant.parse("2026-11-24T08:00:00Z");

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
    void anaReceivedOpenedAndClickedAutumnSale() {
        users.create(new NewUser("mia@lux.test", "Mia", null, Role.ADMIN), Actor.system());
        Actor mia = new Actor(null, "mia@lux.test", Channel.TEAMS);
        long ana = contacts
            .create(new NewContact("ana@example.com", "Ana", "Lopez", "Acme", null, Set.of("vip"), null), mia)
            .id();
        jdbc.update("UPDATE audit_entry SET occurred_at = ? WHERE action = 'contact.create'", Timestamp.from(ADDED));
        long template = templates
            .create(new TemplateContent("Invite", "Hi {{ contact.first_name }}", "<p>Hi</p>", null), mia)
            .id();
        long autumn = campaigns.create(new NewCampaign("Autumn sale", template, null, AudienceFilter.anyOf("vip")), mia)
            .id();
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, sent_at, created_at, human_open_at, "
                        + "human_click_at) VALUES (?, ?, 'ana@example.com', 'SENT', ?, ?, ?, ?)",
                autumn, ana, Timestamp.from(SENT), Timestamp.from(SENT), Timestamp.from(SENT.plusSeconds(3600)),
                Timestamp.from(SENT.plusSeconds(3900)));
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) "
                        + "SELECT id, campaign_id, 'OPEN', ?, FALSE FROM campaign_recipient",
                Timestamp.from(SENT.plusSeconds(3600)));
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) "
                        + "SELECT id, campaign_id, 'CLICK', ?, FALSE FROM campaign_recipient",
                Timestamp.from(SENT.plusSeconds(3900)));
    }

    @Test
    void whoShowsTheContactCardAndNothingWrittenForTheModel() throws Exception {
        teams.say("who ana@example.com");

        assertThat(teams.messages()).singleElement().satisfies(m -> assertThat(m.text()).isNullOrEmpty());
        assertThat(teams.cards()).singleElement()
            .isEqualTo(new ObjectMapper().readTree(
                    """
                            {"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.5","body":[
                            {"type":"TextBlock","text":"Ana Lopez","weight":"Bolder","size":"Medium","wrap":true},
                            {"type":"TextBlock","text":"ana@example.com · Acme","isSubtle":true,"wrap":true,"spacing":"None"},
                            {"type":"FactSet","facts":[{"title":"Status","value":"active"},{"title":"Tags","value":"vip"},
                              {"title":"Engagement","value":"100/100 (received 1, opened 1, clicked 1; people only)"}]},
                            {"type":"TextBlock","text":"Timeline","weight":"Bolder","wrap":true,"separator":true},
                            {"type":"FactSet","facts":[
                              {"title":"20 Nov 2026 10:00","value":"Added by mia@lux.test"},
                              {"title":"24 Nov 2026 09:00","value":"Received Autumn sale"},
                              {"title":"24 Nov 2026 10:00","value":"Opened Autumn sale (once)"},
                              {"title":"24 Nov 2026 10:05","value":"Clicked in Autumn sale (once)"}]}]}
                            """));
    }

    @Test
    void theSameCardAnswersContactAndAQuestionAndAnUnknownAddressIsNamed() throws Exception {
        teams.say("contact ana@example.com");
        teams.say("who is ana@example.com?");
        assertThat(teams.cards()).hasSize(2)
            .allSatisfy(card -> assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("Ana Lopez"));

        teams.clear();
        teams.say("who zoe@example.com");
        assertThat(teams.messages()).singleElement()
            .satisfies(m -> assertThat(m.text())
                .isEqualTo("Sorry, that did not work: Contact zoe@example.com does not exist."));
    }

    @Test
    void theTeamsLocaleDecidesWhetherASlashedDateIsDayOrMonthFirst() throws Exception {
        teams.say("schedule Autumn sale 12/03/2030 10:00");
        teams.say("schedule Autumn sale 12/03/2030 10:00", "de-DE");

        assertThat(teams.cards()).hasSize(2);
        assertThat(teams.cards().get(0).toString()).contains("Tue 3 Dec 2030, 10:00");
        assertThat(teams.cards().get(1).toString()).contains("Di. 12. März 2030, 10:00"); // and
        // the
        // card
        // speaks
        // German
    }

}
