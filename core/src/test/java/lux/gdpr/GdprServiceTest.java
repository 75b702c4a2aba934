package lux.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lux.audit.Actor;
import lux.audit.Channel;
import lux.contacts.ContactService;
import lux.contacts.ContactView;
import lux.contacts.NewContact;
import lux.imports.ContactImportService;
import lux.imports.ImportJob;
import lux.imports.ImportRequest;
import lux.imports.ImportSource;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.WholeDatabaseScan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class GdprServiceTest {

    static final Actor DPO = new Actor(null, "dpo@lux.test", Channel.CONSOLE);
    static final String ADA = "ada@example.com";
    static final String UA = "Mozilla/5.0 (Ada's laptop)";

    @Autowired
    GdprService gdpr;

    @Autowired
    ContactService contacts;

    @Autowired
    ContactImportService imports;

    @Autowired
    SuppressionService suppressions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    lux.tracking.TrackingService tracking;

    @Autowired
    lux.tracking.TrackingTokens tokens;

    long adaId;

    long sentRecipient;

    long pendingRecipient;

    private static ImportSource csv(String text) {
        return ImportSource.of(text.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void setUp() {
        DatabaseCleaner.clean(jdbc);
        ContactView ada = contacts.create(new NewContact("Ada@Example.com", "Ada", "Lovelace", "Engines",
                Map.of("city", "London"), Set.of("vip"), null), DPO);
        adaId = ada.id();
        contacts.create(NewContact.of("bob@example.com"), DPO);
        // an import whose error report names Ada (her row had a first name that was too
        // long)
        imports.importNow(new ImportRequest("list.csv", csv("email,first name\n" + ADA + "," + "A".repeat(101) + "\n"),
                Set.of(), null), DPO);
        suppressions.suppressAddress(ADA, SuppressionReason.MANUAL, "asked by phone", DPO);
        Timestamp now = Timestamp.from(Instant.parse("2026-02-01T10:00:00Z"));
        jdbc.update(
                "INSERT INTO email_template (name, subject, html_body, created_at, updated_at) VALUES ('t', 's', 'b', ?, ?)",
                now, now);
        long template = jdbc.queryForObject("SELECT id FROM email_template", Long.class);
        for (String name : List.of("Spring sale", "Summer sale")) {
            jdbc.update(
                    "INSERT INTO campaign (name, template_id, audience, status, created_at, updated_at) VALUES (?, ?, '{}', 'SENDING', ?, ?)",
                    name, template, now, now);
        }
        List<Long> campaigns = jdbc.queryForList("SELECT id FROM campaign ORDER BY id", Long.class);
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, provider_message_id, sent_at, created_at) "
                        + "VALUES (?, ?, ?, 'SENT', 'msg-ada-1', ?, ?)",
                campaigns.get(0), adaId, ADA, now, now);
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, created_at) VALUES (?, NULL, ?, 'PENDING', ?)",
                campaigns.get(1), ADA, now);
        jdbc.update(
                "INSERT INTO campaign_recipient (campaign_id, email, status, created_at) VALUES (?, 'bob@example.com', 'SENT', ?)",
                campaigns.get(0), now);
        sentRecipient = jdbc.queryForObject("SELECT id FROM campaign_recipient WHERE email = ? AND status = 'SENT'",
                Long.class, ADA);
        pendingRecipient = jdbc.queryForObject(
                "SELECT id FROM campaign_recipient WHERE email = ? AND status = 'PENDING'", Long.class, ADA);
        jdbc.update(
                "INSERT INTO outbox_message (campaign_id, recipient_id, lux_message_id, sender, recipient, subject, html_body, "
                        + "text_body, headers, created_at) VALUES (?, ?, 'lux-1', 'news@lux.test', ?, 'Hello Ada Lovelace', '<p>Hi Ada Lovelace</p>', "
                        + "'Hi Ada Lovelace', '{}', ?)",
                campaigns.get(0), sentRecipient, ADA, now);
        jdbc.update(
                "INSERT INTO campaign_link (campaign_id, url, created_at) VALUES (?, 'https://example.com/sale', ?)",
                campaigns.get(0), now);
        long link = jdbc.queryForObject("SELECT id FROM campaign_link", Long.class);
        // links a template personalised with her address, written two ways
        jdbc.update(
                "INSERT INTO campaign_link (campaign_id, url, created_at) VALUES (?, 'https://example.com/p?who=Ada%40Example.com', ?)",
                campaigns.get(0), now);
        jdbc.update(
                "INSERT INTO campaign_link (campaign_id, url, created_at) VALUES (?, 'https://example.com/q?e=ada@example.com&x=1', ?)",
                campaigns.get(0), now);
        // free text naming her in another case
        jdbc.update(
                "INSERT INTO audit_entry (actor_name, channel, action, details, occurred_at) VALUES ('dpo', 'CONSOLE', "
                        + "'template.test', 'test mail sent to ADA@Example.COM by request', ?)",
                now);
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, occurred_at, user_agent) VALUES (?, ?, 'OPEN', ?, ?)",
                sentRecipient, campaigns.get(0), now, UA);
        jdbc.update(
                "INSERT INTO tracking_event (recipient_id, campaign_id, kind, link_id, occurred_at, user_agent) VALUES (?, ?, 'CLICK', ?, ?, ?)",
                sentRecipient, campaigns.get(0), link, Timestamp.from(Instant.parse("2026-02-01T10:05:00Z")), UA);
    }

    @Test
    void exportHoldsContactTagsConsentCampaignsAndEvents() throws Exception {
        JsonNode export = new ObjectMapper().readTree(gdpr.exportJson("ADA@example.com", DPO));

        assertThat(export.path("email").asText()).isEqualTo(ADA);
        assertThat(export.path("contact").path("lastName").asText()).isEqualTo("Lovelace");
        assertThat(export.path("contact").path("attributes").path("city").asText()).isEqualTo("London");
        assertThat(export.path("contact").path("consent").path("source").asText())
            .isEqualTo("added by dpo@lux.test via CONSOLE");
        assertThat(export.path("tags").toString()).isEqualTo("[\"vip\"]");
        assertThat(export.path("suppression").get(0).path("reason").asText()).isEqualTo("MANUAL");
        assertThat(export.path("campaignsReceived").size()).isEqualTo(2);
        assertThat(export.path("campaignsReceived").get(0).path("campaign").asText()).isEqualTo("Spring sale");
        assertThat(export.path("trackingEvents").size()).isEqualTo(2);
        assertThat(export.path("outboxMessages").get(0).path("subject").asText()).isEqualTo("Hello Ada Lovelace");
        assertThat(export.path("trackingEvents").get(1).path("kind").asText()).isEqualTo("CLICK");
        assertThat(export.path("trackingEvents").get(1).path("link").asText()).isEqualTo("https://example.com/sale");
        assertThat(export.path("trackingEvents").get(1).path("userAgent").asText()).isEqualTo(UA);
        assertThat(export.path("personalisedLinks").size()).isEqualTo(2);
        assertThat(export.path("auditEntries").toString()).contains("test mail sent to ADA@Example.COM");
        assertThat(export.path("importReports").get(0).path("rows").get(0).asText()).startsWith("2," + ADA);
    }

    @Test
    void eraseLeavesNothingPersonalButAHashedSuppression() {
        // the scan sees her wherever she is before the erasure (a scan that finds nothing
        // proves nothing)
        assertThat(WholeDatabaseScan.find(jdbc, ADA, "ada%40example.com")).anyMatch(f -> f.startsWith("contact.email"))
            .anyMatch(f -> f.startsWith("campaign_recipient.email"))
            .anyMatch(f -> f.startsWith("audit_entry.details"))
            .anyMatch(f -> f.startsWith("contact_import.error_report"))
            .anyMatch(f -> f.startsWith("campaign_link.url"))
            .anyMatch(f -> f.startsWith("outbox_message.recipient"))
            .anyMatch(f -> f.startsWith("suppression.entry"));
        ErasureResult result = gdpr.erase(" ADA@example.com ", DPO);

        assertThat(result.contactDeleted()).isTrue();
        assertThat(result.recipientsAnonymised()).isEqualTo(2);
        assertThat(result.trackingEventsCleared()).isEqualTo(2);
        assertThat(result.others()).containsEntry("outbox_message", 1);
        assertThat(result.hashPrefix()).isEqualTo(SuppressionService.hash(ADA).substring(0, 12));
        // no table holds her address, name, user agent or message id any more
        for (String table : List.of("contact", "campaign_recipient", "suppression", "audit_entry", "contact_import",
                "tracking_event", "tag", "outbox_message")) {
            String rows = jdbc.queryForList("SELECT * FROM " + table).toString();
            assertThat(rows).as(table)
                .doesNotContainIgnoringCase("ada@example")
                .doesNotContain("Lovelace")
                .doesNotContain("Ada's laptop")
                .doesNotContain("msg-ada-1");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_tag WHERE contact_id = ?", Integer.class, adaId))
            .isZero();
        assertThat(jdbc.queryForList("SELECT email FROM campaign_recipient ORDER BY id", String.class)).containsExactly(
                "erased-" + sentRecipient + "@invalid", "erased-" + pendingRecipient + "@invalid", "bob@example.com");
        assertThat(jdbc.queryForObject("SELECT status FROM campaign_recipient WHERE id = ?", String.class,
                pendingRecipient))
            .isEqualTo("SKIPPED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event", Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT kind || ' ' || reason FROM suppression", String.class))
            .containsExactly("ADDRESS_HASH ERASED");
        assertThat(suppressions.isSuppressed("Ada@Example.com")).isTrue();
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE action = 'gdpr.erase'", String.class))
            .singleElement()
            .asString()
            .contains("contact deleted, 2 campaign recipients anonymised, 2 tracking events cleared");
        assertThat(contacts.findByEmail("bob@example.com")).isPresent();
        assertThat(jdbc.queryForList("SELECT url FROM campaign_link ORDER BY id", String.class)).containsExactly(
                "https://example.com/sale", "https://example.com/p?who=%5Berased%5D",
                "https://example.com/q?e=%5Berased%5D&x=1");
        assertThat(result.others()).containsEntry("personalisedLinks", 2);
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE details = 'test mail sent to [erased] by request'",
                Integer.class))
            .isOne();
        // the strongest proof: no text column of any table holds any of it, in any case
        // or spelling
        assertThat(WholeDatabaseScan.find(jdbc, ADA, "ada%40example.com", "Lovelace", "Ada's laptop", "msg-ada-1"))
            .isEmpty();

        // re-importing her never brings her back
        ImportJob job = imports.importNow(new ImportRequest("again.csv", csv("email\n" + ADA + "\n"), Set.of(), null),
                DPO);
        assertThat(job.skipped()).isEqualTo(1);
        assertThat(contacts.findByEmail(ADA)).isEmpty();
    }

    @Test
    void hitsArrivingAfterTheErasureKeepNoUserAgent() {
        gdpr.erase(ADA, DPO);
        long campaign = jdbc.queryForObject("SELECT campaign_id FROM campaign_recipient WHERE id = ?", Long.class,
                sentRecipient);

        // her mail client opens the old mail again: the hit counts, but her user agent is
        // not stored
        assertThat(tracking.open(tokens.sign(lux.tracking.TokenKind.OPEN, campaign, sentRecipient, 0), UA, false))
            .isTrue();
        tracking.flush();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE recipient_id = ?", Integer.class,
                sentRecipient))
            .isEqualTo(3);
        assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE user_agent IS NOT NULL", Integer.class))
            .isZero();
    }

    @Test
    void erasingAnUnknownAddressStillSuppressesIt() {
        ErasureResult result = gdpr.erase("stranger@example.org", DPO);
        assertThat(result.contactDeleted()).isFalse();
        assertThat(result.recipientsAnonymised()).isZero();
        assertThat(suppressions.isSuppressed("stranger@example.org")).isTrue();
    }

}
