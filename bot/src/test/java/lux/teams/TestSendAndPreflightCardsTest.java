package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
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
 * Command mode's {@code test} command and the pre-flight verdict on the Confirm card,
 * through /api/messages with a loopback fake Bot Connector. No postal address is
 * configured here, and the pre-flight rule for it is on: Confirm is withheld.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.teams.retry-base=10ms",
                "lux.public-base-url=https://lux.example.com", "lux.preflight.require-postal-address=true",
                "lux.mail.postal-address=" })
class TestSendAndPreflightCardsTest {

    static final String AAD = "00000000-0000-0000-0000-0000000000bb";

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
    void anAutumnDraft() {
        users.create(new NewUser("mia@lux.test", "Mia", null, Role.ADMIN), Actor.system());
        contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, Set.of("vip"), null),
                Actor.system());
        long template = templates
            .create(new TemplateContent("Back to school", "Hello {{ contact.first_name }}",
                    "<p>See <a href=\"https://shop.example.com/\">the shop</a></p>", null), Actor.system())
            .id();
        campaigns.create(new NewCampaign("Autumn", template, null, AudienceFilter.anyOf("vip")), Actor.system());
    }

    @Test
    void theTestCommandSendsToTheRequesterAndAnswersWithOneCard() throws Exception {
        teams.say("test Autumn");

        assertThat(teams.messages().get(0).text()).as("the card says it all").isNullOrEmpty();
        List<JsonNode> cards = teams.cards();
        assertThat(cards).hasSize(1);
        assertThat(cards.get(0).toString()).contains("Test sent: Autumn", "\\\\[Test\\\\] Hello Alex", "mia@lux.test",
                "outbox", "the campaign is unchanged");
        assertThat(jdbc.queryForList("SELECT recipient FROM outbox_message WHERE campaign_id IS NULL", String.class))
            .containsExactly("mia@lux.test");

        teams.clear();
        teams.say("test Back to school to a@example.net, b@example.net");
        assertThat(teams.messages().get(0).text()).as("the card says it all").isNullOrEmpty();
        assertThat(teams.cards()).singleElement()
            .satisfies(
                    card -> assertThat(card.toString()).contains("Back to school", "a@example.net", "b@example.net"));

        teams.clear();
        teams.say("test Autumn to 1@x.net 2@x.net 3@x.net 4@x.net 5@x.net 6@x.net");
        assertThat(teams.messages().get(0).text())
            .startsWith("Sorry, that did not work: A test goes to at most 5 addresses");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM campaign_recipient", Long.class)).isZero();
    }

    @Test
    void theConfirmCardShowsThePreflightVerdictAndWithholdsConfirmWhileSomethingBlocks() throws Exception {
        teams.say("schedule Autumn tomorrow 10:00");

        JsonNode card = teams.cards().get(0);
        assertThat(card.toString()).contains("Fix before it can be sent", "No postal address");
        assertThat(card.path("actions")).extracting(a -> a.path("title").asText()).containsExactly("Cancel");
        assertThat(campaigns.getByName("Autumn").status()).isEqualTo(CampaignStatus.DRAFT);
    }

}
