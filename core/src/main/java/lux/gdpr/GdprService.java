package lux.gdpr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.shared.EmailAddress;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.consent.NewConsentEvent;
import lux.suppression.SuppressionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers a person's GDPR requests by address: everything held about them as JSON
 * (access, Art. 15), or erasure (Art. 17): the contact and its tags go, campaign history
 * keeps only an "erased-N@invalid" placeholder, tracking events lose their user agents,
 * and a SHA-256 suppression entry keeps the address from being mailed again.
 */
@Service
public class GdprService {

    static final String ERASED = AddressText.ERASED;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    private final SuppressionService suppressions;

    private final AuditService audit;

    private final List<PersonalDataHolder> holders;

    private final ConsentLedger ledger;

    private final Clock clock;

    GdprService(JdbcTemplate jdbc, SuppressionService suppressions, AuditService audit,
            List<PersonalDataHolder> holders, ConsentLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.suppressions = suppressions;
        this.audit = audit;
        this.holders = holders;
        this.clock = clock;
    }

    /**
     * Everything held about the address, as indented JSON. Recorded in the audit log
     * (without the address).
     */
    @Transactional
    public String exportJson(String rawEmail, Actor actor) {
        String email = EmailAddress.normalise(rawEmail);
        Long contactId = contactId(email);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("email", email);
        export.put("exportedAt", clock.instant().toString());
        export.put("contact", contactId == null ? null : jdbc
            .queryForObject("SELECT email, first_name, last_name, company, "
                    + "attributes, status, consent_source, consent_at, created_at, updated_at FROM contact WHERE id = ?",
                    (rs, n) -> {
                        Map<String, Object> c = new LinkedHashMap<>();
                        c.put("email", rs.getString(1));
                        c.put("firstName", rs.getString(2));
                        c.put("lastName", rs.getString(3));
                        c.put("company", rs.getString(4));
                        c.put("attributes", attributes(rs.getString(5)));
                        c.put("status", rs.getString(6));
                        c.put("consent", row("source", rs.getString(7), "at", instant(rs, 8)));
                        c.put("createdAt", instant(rs, 9));
                        c.put("updatedAt", instant(rs, 10));
                        return c;
                    }, contactId));
        export.put("tags",
                contactId == null ? List.of()
                        : jdbc.queryForList(
                                "SELECT t.name FROM contact_tag ct JOIN tag t "
                                        + "ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name",
                                String.class, contactId));
        export.put("suppression",
                jdbc.query("SELECT kind, reason, created_at FROM suppression WHERE (kind = 'ADDRESS' AND entry = ?) "
                        + "OR (kind = 'DOMAIN' AND entry = ?) OR (kind = 'ADDRESS_HASH' AND entry = ?) ORDER BY id",
                        (rs, n) -> row("kind", rs.getString(1), "reason", rs.getString(2), "since", instant(rs, 3)),
                        email, EmailAddress.domainOf(email), SuppressionService.hash(email)));
        export.put("campaignsReceived", jdbc
            .query("SELECT r.campaign_id, c.name, r.status, r.sent_at, r.created_at, r.email "
                    + "FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id WHERE r.email = ? OR r.contact_id = ? ORDER BY r.id",
                    (rs, n) -> row("campaignId", rs.getLong(1), "campaign", rs.getString(2), "status", rs.getString(3),
                            "sentAt", instant(rs, 4), "addedAt", instant(rs, 5), "address", rs.getString(6)),
                    email, contactId));
        export.put("trackingEvents", jdbc
            .query("SELECT e.campaign_id, e.kind, e.occurred_at, l.url, e.user_agent, e.machine "
                    + "FROM tracking_event e LEFT JOIN campaign_link l ON l.id = e.link_id WHERE e.recipient_id IN "
                    + "(SELECT id FROM campaign_recipient WHERE email = ? OR contact_id = ?) ORDER BY e.occurred_at, e.id",
                    (rs, n) -> row("campaignId", rs.getLong(1), "kind", rs.getString(2), "at", instant(rs, 3), "link",
                            rs.getString(4), "userAgent", rs.getString(5), "automated", rs.getBoolean(6)),
                    email, contactId));
        export.put("outboxMessages", jdbc
            .query("SELECT campaign_id, subject, created_at FROM outbox_message WHERE recipient = ? "
                    + "OR recipient_id IN (SELECT id FROM campaign_recipient WHERE email = ? OR contact_id = ?) ORDER BY id",
                    (rs, n) -> row("campaignId", rs.getLong(1), "subject", rs.getString(2), "at", instant(rs, 3)),
                    email, email, contactId));
        AddressText address = AddressText.of(email);
        AddressText.Condition inDetails = address.mentionedIn("details");
        export
            .put("auditEntries", jdbc
                .query("SELECT action, occurred_at, details FROM audit_entry WHERE " + inDetails.sql() + " ORDER BY id",
                        (rs, n) -> row("action", rs.getString(1), "at", instant(rs, 2), "details", rs.getString(3)),
                        inDetails.argArray())
                .stream()
                .filter(r -> address.foundIn((String) r.get("details")))
                .toList());
        AddressText.Condition inReport = address.mentionedIn("error_report");
        export.put("importReports",
                jdbc.query(
                        "SELECT id, file_name, created_at, error_report FROM contact_import WHERE " + inReport.sql()
                                + " ORDER BY id",
                        (rs, n) -> row("importId", rs.getLong(1), "file", rs.getString(2), "at", instant(rs, 3), "rows",
                                rs.getString(4).lines().filter(address::foundIn).toList()),
                        inReport.argArray()));
        export.put("consentLedger",
                ledger.history(email)
                    .stream()
                    .map(e -> row("at", e.at().toString(), "kind", e.kind().name(), "channel", e.channel(), "source",
                            e.source(), "text", e.text(), "textSha256", e.textHash(), "ip", e.ip(), "actor", e.actor()))
                    .toList());
        for (PersonalDataHolder holder : holders) {
            export.put(holder.name(), holder.export(email));
        }
        audit.record(actor, "gdpr.export", "contact", contactId,
                "personal data exported (sha256 " + prefix(email) + ")");
        try {
            return JSON.writeValueAsString(export);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("The export could not be written as JSON", e);
        }
    }

    /**
     * Erases the address everywhere LUX holds it and suppresses it by hash; safe to
     * repeat.
     */
    @Transactional
    public ErasureResult erase(String rawEmail, Actor actor) {
        String email = EmailAddress.normalise(rawEmail);
        Long contactId = contactId(email);
        // The outbox keeps mails exactly as rendered (address, name, links): they go
        // entirely.
        int outbox = jdbc.update(
                "DELETE FROM outbox_message WHERE recipient = ? OR recipient_id IN "
                        + "(SELECT id FROM campaign_recipient WHERE email = ? OR contact_id = ?)",
                email, email, contactId);
        int events = jdbc
            .update("UPDATE tracking_event SET user_agent = NULL WHERE user_agent IS NOT NULL AND recipient_id IN "
                    + "(SELECT id FROM campaign_recipient WHERE email = ? OR contact_id = ?)", email, contactId);
        // Unsent recipients are skipped: the placeholder must never be handed to a mail
        // transport.
        int recipients = jdbc
            .update("UPDATE campaign_recipient SET email = CONCAT('erased-', CAST(id AS VARCHAR(20)), '@invalid'), "
                    + "contact_id = NULL, provider_message_id = NULL, "
                    + "last_error = CASE WHEN status IN ('PENDING', 'SENDING') THEN 'address erased on request' ELSE NULL END, "
                    + "status = CASE WHEN status IN ('PENDING', 'SENDING') THEN 'SKIPPED' ELSE status END "
                    + "WHERE email = ? OR contact_id = ?", email, contactId);
        boolean deleted = contactId != null && jdbc.update("DELETE FROM contact WHERE id = ?", contactId) > 0;
        // free text may hold the address in any case, URL-encoded or JSON-escaped
        AddressText address = AddressText.of(email);
        int auditEntries = address.scrubColumn(jdbc, "audit_entry", "id", "details");
        int reports = address.scrubColumn(jdbc, "contact_import", "id", "error_report")
                + address.scrubColumn(jdbc, "contact_import", "id", "file_name")
                + address.scrubColumn(jdbc, "contact_import", "id", "failure");
        Map<String, Integer> others = new LinkedHashMap<>();
        others.put("outbox_message", outbox);
        for (PersonalDataHolder holder : holders) {
            others.put(holder.name(), holder.erase(email));
        }
        others.put("consent_event_ip", ledger.forgetPersonalData(email));
        // the ledger keeps its events (hashed address only) as proof of consent, and this
        // request as the last of them
        ledger.record(new NewConsentEvent(email, contactId, ConsentKind.ERASURE_REQUEST, ConsentLedger.channelOf(actor),
                null, null, null, actor.name()));
        suppressions.forgetAddress(email);
        suppressions.suppressErased(email, actor);
        ErasureResult result = new ErasureResult(prefix(email), deleted, recipients, events, auditEntries, reports,
                others);
        audit.record(actor, "gdpr.erase", "contact", contactId,
                "personal data erased (sha256 " + result.hashPrefix() + "): contact "
                        + (deleted ? "deleted" : "not found") + ", " + recipients + " campaign recipients anonymised, "
                        + events + " tracking events cleared");
        return result;
    }

    private Long contactId(String email) {
        return jdbc.query("SELECT id FROM contact WHERE email = ?", rs -> rs.next() ? rs.getLong(1) : null, email);
    }

    private static String prefix(String email) {
        return SuppressionService.hash(email).substring(0, 12);
    }

    private static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    private static String instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant().toString();
    }

    private static Map<String, String> attributes(String json) {
        try {
            return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, MAP);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored contact attributes are not a JSON object of strings", e);
        }
    }

}
