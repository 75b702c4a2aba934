package lux.agent.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Set;
import lux.agent.AgentOutput;
import lux.agent.AgentReply;
import lux.agent.AgentTestApplication;
import lux.agent.TurnRequest;
import lux.agent.tools.ConfirmationService;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.besttime.BestTimeService;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.NewContact;
import lux.digest.DigestCadence;
import lux.digest.DigestPreferences;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.users.NewUser;
import lux.users.Role;
import lux.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Best-time sends and the digest setting in command mode: a best-time schedule goes
 * through the usual Confirm card (which says so), and digest off/daily/weekly changes
 * only the speaker's own digest.
 */
@DatabaseTest
@SpringBootTest(classes = AgentTestApplication.class, properties = "lux.delivery.enabled=false")
class SendTimeCommandsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Autowired
    CommandMode commands;

    @Autowired
    ConfirmationService gate;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    UserService users;

    @Autowired
    BestTimeService bestTime;

    @Autowired
    DigestPreferences digests;

    @Autowired
    JdbcTemplate jdbc;

    Actor mia;

    CampaignView campaign;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        var u = users.create(new NewUser("mia@lux.test", "Mia", null, Role.MARKETER), Actor.system());
        mia = new Actor(u.getId(), u.getEmail(), Channel.TEAMS);
        contacts.create(new NewContact("ana@example.com", null, null, null, null, Set.of("vip"), null), mia);
        var template = templates.create(new TemplateContent("T", "S", "<p>B</p>", null), mia);
        campaign = campaigns.create(new NewCampaign("Spring sale", template.id(), null, AudienceFilter.anyOf("vip")),
                mia);
    }

    @Test
    void scheduleAtEachContactsBestTimeGoesThroughTheConfirmCard() {
        AgentReply asked = say("schedule Spring sale tomorrow 9:00 at each contact's best time");
        AgentOutput.Confirmation card = asked.outputs()
            .stream()
            .filter(o -> o instanceof AgentOutput.Confirmation)
            .map(o -> (AgentOutput.Confirmation) o)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no confirmation card in: " + asked.text()));
        assertThat(card.warnings()).extracting(lux.campaigns.PlanCheck::message)
            .anyMatch(m -> m.startsWith("Best time: each contact gets it at the hour they usually open"));
        assertThat(card.when().getHour()).isEqualTo(9);
        assertThat(bestTime.chosen(campaign.id())).isTrue();
        assertThat(campaigns.get(campaign.id()).status()).isEqualTo(CampaignStatus.DRAFT); // the
                                                                                           // card
                                                                                           // alone
                                                                                           // schedules
                                                                                           // nothing
        assertThat(gate.confirm(card.nonce(), mia).status()).isEqualTo(CampaignStatus.SCHEDULED);

        assertThat(say("besttime").text()).startsWith("Type besttime <campaign> <when>");
        assertThat(say("besttime No such campaign tomorrow").text()).contains("does not exist");
    }

    @Test
    void digestOffDailyWeeklyChangeOnlyTheSpeakersDigest() {
        assertThat(say("digest off").text()).isEqualTo("Done: no more digests. Type digest weekly to get them again.");
        assertThat(digests.of(mia.userId())).isEqualTo(DigestCadence.OFF);
        assertThat(say("digest daily").text()).isEqualTo("Done: you get a digest every morning.");
        assertThat(digests.of(mia.userId())).isEqualTo(DigestCadence.DAILY);
        assertThat(say("digest weekly").text()).isEqualTo("Done: you get a digest every Monday morning.");
        assertThat(say("digest sometimes").text()).isEqualTo("Type digest off, digest daily or digest weekly.");
        assertThat(digests.of(mia.userId())).isEqualTo(DigestCadence.WEEKLY);
        assertThat(
                commands.handle(new TurnRequest(mia, "conv", "digest off", ZONE, null, java.util.Locale.GERMAN)).text())
            .startsWith("Erledigt: keine Übersichten mehr");
    }

    private AgentReply say(String text) {
        return commands.handle(new TurnRequest(mia, "conv-" + mia.userId(), text, ZONE, null));
    }

}
