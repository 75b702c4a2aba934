package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.ContactHistoryView.Entry;
import lux.contacts.ContactHistoryView.Kind;
import lux.shared.NotFoundException;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class ContactHistoryTest {

    static final Actor MIA = new Actor(null, "mia@lux.test", Channel.TEAMS);

    @Autowired
    ContactHistory history;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JdbcTemplate jdbc;

    long template;

    Instant later;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        template = templates.create(new TemplateContent("Invite", "Hi", "<p>Hi</p>", null), MIA).id();
        later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void tellsWhoAddedTheContactWhatItReceivedAndHowPeopleAndMachinesReacted() {
        long ana = contacts
            .create(new NewContact("ana@example.com", "Ana", "Lopez", "Acme", null, Set.of("vip", "lead"), null), MIA)
            .id();
        long spring = received("Spring sale", ana, later);
        event(spring, "OPEN", false, later.plusSeconds(60));
        event(spring, "OPEN", false, later.plusSeconds(120));
        event(spring, "OPEN", true, later.plusSeconds(5));
        event(spring, "CLICK", false, later.plusSeconds(180));
        long autumn = received("Autumn", ana, later.plusSeconds(3600));
        jdbc.update(
                "UPDATE campaign_recipient SET bounce = 'HARD', bounce_status = '5.1.1', bounced_at = ? WHERE id = ?",
                Timestamp.from(later.plusSeconds(3700)), autumn);
        contacts.changeStatus(ana, ContactStatus.UNSUBSCRIBED, "asked by phone", MIA);

        ContactHistoryView view = history.of(" Ana@Example.com ");

        assertThat(view.displayName()).isEqualTo("Ana Lopez");
        assertThat(view.company()).isEqualTo("Acme");
        assertThat(view.status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
        assertThat(view.tags()).containsExactly("lead", "vip");
        assertThat(view.earlierEntries()).isZero();
        assertThat(view.entries()).extracting(Entry::kind, Entry::subject, Entry::detail)
            .containsExactly(tuple(Kind.ADDED, null, "mia@lux.test"),
                    tuple(Kind.UNSUBSCRIBED, "teams: asked by phone", "mia@lux.test"),
                    tuple(Kind.RECEIVED, "Spring sale", null), tuple(Kind.OPENED_BY_MACHINE, "Spring sale", "once"),
                    tuple(Kind.OPENED, "Spring sale", "2 times"), tuple(Kind.CLICKED, "Spring sale", "once"),
                    tuple(Kind.RECEIVED, "Autumn", null), tuple(Kind.BOUNCED, "Autumn", "hard (5.1.1)"));
        assertThat(view.entries().get(4).at()).isEqualTo(later.plusSeconds(60));
    }

    @Test
    void namesTheImportAndThePersonWhoRanIt() {
        long ana = contacts.create(new NewContact("ana@example.com", null, null, null, null, Set.of(), null), MIA).id();
        jdbc.update("DELETE FROM audit_entry");
        jdbc.update("INSERT INTO contact_import (id, file_name, mode, status, user_name, created_at) "
                + "VALUES (9, 'webinar.csv', 'ADD_NEW_ONLY', 'FINISHED', 'Ben', ?)", Timestamp.from(later));
        jdbc.update("UPDATE contact SET last_import_id = 9 WHERE id = ?", ana);

        ContactHistoryView view = history.of("ana@example.com");

        assertThat(view.displayName()).isEqualTo("ana@example.com");
        assertThat(view.entries()).extracting(Entry::kind, Entry::subject, Entry::detail)
            .containsExactly(tuple(Kind.IMPORTED, "webinar.csv", "Ben"));
    }

    @Test
    void keepsTheLatestEntriesAndCountsTheEarlierOnes() {
        long ana = contacts.create(new NewContact("ana@example.com", null, null, null, null, Set.of("vip"), null), MIA)
            .id();
        for (int i = 0; i < ContactHistory.MAX_ENTRIES + 5; i++) {
            received("Campaign " + i, ana, later.plusSeconds(i));
        }

        ContactHistoryView view = history.of("ana@example.com");

        assertThat(view.earlierEntries()).isEqualTo(6); // the "added" entry and the first
                                                        // five campaigns
        assertThat(view.entries()).hasSize(ContactHistory.MAX_ENTRIES);
        assertThat(view.entries().get(0).subject()).isEqualTo("Campaign 5");
        assertThat(view.entries().get(ContactHistory.MAX_ENTRIES - 1).subject()).isEqualTo("Campaign 34");
    }

    @Test
    void theConsoleAndApiReadTheSameHistoryByIdWithCampaignLinksWordsAndMoreEntries() {
        long ana = contacts.create(new NewContact("ana@example.com", "Ana", null, null, null, Set.of("vip"), null), MIA)
            .id();
        long spring = received("Spring sale", ana, later);
        event(spring, "OPEN", true, later.plusSeconds(5));
        long springId = jdbc.queryForObject("SELECT campaign_id FROM campaign_recipient WHERE id = ?", Long.class,
                spring);
        for (int i = 0; i < ContactHistory.MAX_ENTRIES; i++) {
            received("Campaign " + i, ana, later.plusSeconds(100 + i));
        }

        ContactHistoryView console = history.of(ana, ContactHistory.MAX_ENTRIES_CONSOLE);

        assertThat(console.earlierEntries()).isZero();
        assertThat(console.entries()).hasSize(ContactHistory.MAX_ENTRIES + 3);
        assertThat(console.entries()).filteredOn(e -> "Spring sale".equals(e.subject()))
            .extracting(Entry::kind, Entry::campaignId, Entry::machine, Entry::summary)
            .containsExactly(tuple(Kind.RECEIVED, springId, false, "Received \"Spring sale\""),
                    tuple(Kind.OPENED_BY_MACHINE, springId, true,
                            "Opened \"Spring sale\" by a machine, not a person (once)"));
        assertThat(console.entries().get(0).summary()).isEqualTo("Added by mia@lux.test");
        assertThat(history.of("ana@example.com").entries()).hasSize(ContactHistory.MAX_ENTRIES);
        assertThatThrownBy(() -> history.of(ana + 1000, 10)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUnknownAddressIsNamed() {
        assertThatThrownBy(() -> history.of("zoe@example.com")).isInstanceOf(NotFoundException.class)
            .hasMessage("Contact zoe@example.com does not exist.");
    }

    private long received(String name, long contactId, Instant sentAt) {
        long campaign = campaigns.create(new NewCampaign(name, template, null, AudienceFilter.anyOf("vip")), MIA).id();
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, sent_at, created_at) "
                        + "SELECT ?, id, email, 'SENT', ?, ? FROM contact WHERE id = ?",
                campaign, Timestamp.from(sentAt), Timestamp.from(sentAt), contactId);
        return jdbc.queryForObject("SELECT id FROM campaign_recipient WHERE campaign_id = ?", Long.class, campaign);
    }

    private void event(long recipientId, String kind, boolean machine, Instant at) {
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) "
                        + "SELECT id, campaign_id, ?, ?, ? FROM campaign_recipient WHERE id = ?",
                kind, Timestamp.from(at), machine, recipientId);
        String column = kind.equals("OPEN") ? "human_open_at" : "human_click_at";
        if (!machine) {
            jdbc.update("UPDATE campaign_recipient SET " + column + " = COALESCE(" + column + ", ?) WHERE id = ?",
                    Timestamp.from(at), recipientId);
        }
    }

}
