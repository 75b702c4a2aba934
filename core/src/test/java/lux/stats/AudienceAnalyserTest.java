package lux.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import lux.testsupport.CoreTestApplication;
import lux.audit.Actor;
import lux.campaigns.CampaignService;
import lux.campaigns.NewCampaign;
import lux.contacts.AudienceFilter;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.templates.TemplateContent;
import lux.templates.TemplateService;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Audience segments come from real rows: recipients and tracking events are written as
 * delivery would write them.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = "lux.delivery.enabled=false")
class AudienceAnalyserTest {

    @Autowired
    AudienceAnalyser analyser;

    @Autowired
    ContactService contacts;

    @Autowired
    TemplateService templates;

    @Autowired
    CampaignService campaigns;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    JdbcTemplate jdbc;

    long campaignId;

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        Actor a = Actor.system();
        var template = templates.create(new TemplateContent("T", "S", "<p>B</p>", null), a);
        campaignId = campaigns.create(new NewCampaign("Old news", template.id(), null, AudienceFilter.everyone()), a)
            .id();
        Instant now = Instant.now();
        ContactView active = contact("active@gmail.com", "vip");
        ContactView lapsing = contact("lapsing@gmail.com", "vip");
        ContactView silent = contact("silent@gmail.com", "vip");
        ContactView scanned = contact("scanned@corp.example", "lead");
        contact("fresh@corp.example", "lead");
        contact("blocked@gmail.com", "lead");
        suppressions.suppressAddress("blocked@gmail.com", SuppressionReason.MANUAL, null, a);
        long r1 = recipient(active, now.minus(Duration.ofDays(10)));
        long r2 = recipient(lapsing, now.minus(Duration.ofDays(200)));
        recipient(silent, now.minus(Duration.ofDays(30)));
        long r4 = recipient(scanned, now.minus(Duration.ofDays(5)));
        event(r1, "OPEN", now.minus(Duration.ofDays(9)), false);
        event(r1, "CLICK", now.minus(Duration.ofDays(9)), false);
        event(r2, "OPEN", now.minus(Duration.ofDays(199)), false);
        event(r4, "OPEN", now.minus(Duration.ofDays(5)), true);
    }

    @Test
    void segmentsEngagementDomainsAndSuppressions() {
        AudienceAnalysis all = analyser.analyse(null);
        assertThat(all.activeContacts()).isEqualTo(6);
        assertThat(all.engagedRecently()).isEqualTo(1);
        assertThat(all.lapsing()).isEqualTo(1);
        assertThat(all.neverOpened()).isEqualTo(2);
        assertThat(all.machineOnly()).isEqualTo(1);
        assertThat(all.neverMailed()).isEqualTo(2);
        assertThat(all.topDomains()).containsEntry("gmail.com", 4L).containsEntry("corp.example", 2L);
        assertThat(all.topTags()).containsEntry("vip", 3L).containsEntry("lead", 3L);
        assertThat(all.suppressedAddresses()).isEqualTo(1);
        assertThat(all.recommendations()).anyMatch(r -> r.contains("machine opens"))
            .anyMatch(r -> r.contains("never been mailed"))
            .anyMatch(r -> r.contains("gmail.com"))
            .anyMatch(r -> r.contains("suppression list"));

        AudienceAnalysis vip = analyser.analyse("VIP");
        assertThat(vip.scope()).isEqualTo("contacts tagged vip");
        assertThat(vip.activeContacts()).isEqualTo(3);
        assertThat(vip.neverMailed()).isZero();
        assertThatThrownBy(() -> analyser.analyse("vpi")).hasMessageContaining("Unknown tag vpi");
    }

    private ContactView contact(String email, String tag) {
        return contacts.create(new NewContact(email, null, null, null, null, Set.of(tag), null), Actor.system());
    }

    private long recipient(ContactView contact, Instant sentAt) {
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, sent_at, created_at) VALUES (?, ?, ?, 'SENT', ?, ?)",
                campaignId, contact.id(), contact.email(), Timestamp.from(sentAt), Timestamp.from(sentAt));
        return jdbc.queryForObject("SELECT id FROM campaign_recipient WHERE campaign_id = ? AND email = ?", Long.class,
                campaignId, contact.email());
    }

    private void event(long recipientId, String kind, Instant at, boolean machine) {
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, machine, machine_reason) VALUES (?, ?, ?, ?, ?, ?)",
                recipientId, campaignId, kind, Timestamp.from(at), machine, machine ? "Apple MPP" : null);
    }

}
