package lux.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.contacts.NewContact;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
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
class ContactTimelinesTest {

    @Autowired
    ContactTimelines timelines;

    @Autowired
    ContactService contacts;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void showsWhoAddedItWhatItReceivedHumanAndMachineTouchesAndWhatStoppedIt() {
        Actor maria = new Actor(null, "maria@contoso.com", Channel.CONSOLE);
        long ana = contacts
            .create(new NewContact("ana@example.com", "Ana", null, null, Map.of(), Set.of(), "trade fair 2026"), maria)
            .id();
        jdbc.update(
                "INSERT INTO email_template (name, subject, html_body, created_at, updated_at) VALUES ('t', 's', 'h', now(), now())");
        long template = jdbc.queryForObject("SELECT id FROM email_template", Long.class);
        jdbc.update(
                "INSERT INTO campaign (name, template_id, audience, status, created_at, updated_at) VALUES ('Launch', ?, '{}', 'SENT', now(), now())",
                template);
        long campaign = jdbc.queryForObject("SELECT id FROM campaign", Long.class);
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, created_at, sent_at, first_open_at, "
                        + "human_open_at, first_click_at, human_click_at) VALUES (?, ?, 'ana@example.com', 'SENT', 1, now(), now(), now(), now(), now(), now())",
                campaign, ana);
        long recipient = jdbc.queryForObject("SELECT id FROM campaign_recipient", Long.class);
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine, machine_reason) "
                        + "VALUES (?, ?, 'OPEN', now(), TRUE, 'prefetch')",
                recipient, campaign);
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) VALUES (?, ?, 'OPEN', now(), FALSE)",
                recipient, campaign);
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) VALUES (?, ?, 'CLICK', now(), FALSE)",
                recipient, campaign);
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine) VALUES (?, ?, 'UNSUBSCRIBE', now(), FALSE)",
                recipient, campaign);
        contacts.changeStatus(ana, ContactStatus.BOUNCED, Actor.system());
        suppressions.suppressAddress("ana@example.com", SuppressionReason.BOUNCED, null, Actor.system());

        ContactTimeline timeline = timelines.of(ana);

        assertThat(timeline.email()).isEqualTo("ana@example.com");
        assertThat(timeline.engagement().score()).isEqualTo(100);
        List<TimelineEntry> entries = timeline.entries();
        assertThat(entries).extracting(TimelineEntry::kind)
            .containsExactlyInAnyOrder(TimelineEntry.Kind.ADDED, TimelineEntry.Kind.CONSENT, TimelineEntry.Kind.CHANGED,
                    TimelineEntry.Kind.RECEIVED, TimelineEntry.Kind.OPENED, TimelineEntry.Kind.OPENED,
                    TimelineEntry.Kind.CLICKED, TimelineEntry.Kind.UNSUBSCRIBED, TimelineEntry.Kind.SUPPRESSED);
        assertThat(entries).filteredOn(e -> e.kind() == TimelineEntry.Kind.ADDED)
            .extracting(TimelineEntry::summary)
            .containsExactly("Added by maria@contoso.com (console)");
        assertThat(entries).filteredOn(e -> e.kind() == TimelineEntry.Kind.OPENED)
            .extracting(TimelineEntry::machine)
            .containsExactlyInAnyOrder(true, false);
        assertThat(entries).extracting(TimelineEntry::summary)
            .contains("Opened \"Launch\" by a machine (prefetch)", "Received \"Launch\"",
                    "Status changed: ACTIVE -> BOUNCED", "Address suppressed (bounced)", "Unsubscribed from \"Launch\"",
                    "Consent recorded: trade fair 2026");
    }

}
