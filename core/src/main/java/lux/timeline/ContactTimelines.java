package lux.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import lux.shared.NotFoundException;
import lux.stats.StatsService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a contact's timeline from what LUX already records: the contact row (added,
 * consent), the audit log (who added or changed it), its recipient rows (campaigns
 * received or not delivered), tracking events (opens and clicks, human or machine,
 * unsubscribes) and the suppression list. Read-only; each source is capped so a long
 * history stays quick.
 */
@Service
public class ContactTimelines {

    static final int MAX_PER_SOURCE = 500;

    private final JdbcTemplate jdbc;

    private final StatsService stats;

    ContactTimelines(JdbcTemplate jdbc, StatsService stats) {
        this.jdbc = jdbc;
        this.stats = stats;
    }

    @Transactional(readOnly = true)
    public ContactTimeline of(long contactId) {
        List<Map<String, Object>> rows = jdbc
            .queryForList("SELECT email, created_at, consent_source, consent_at FROM contact WHERE id = ?", contactId);
        if (rows.isEmpty()) {
            throw new NotFoundException("Contact", contactId);
        }
        Map<String, Object> contact = rows.get(0);
        String email = (String) contact.get("email");
        List<TimelineEntry> entries = new ArrayList<>();
        audit(contactId, instant(contact.get("created_at")), (String) contact.get("consent_source"), entries);
        if (contact.get("consent_at") != null) {
            entries.add(new TimelineEntry(instant(contact.get("consent_at")), TimelineEntry.Kind.CONSENT,
                    "Consent recorded"
                            + (contact.get("consent_source") == null ? "" : ": " + contact.get("consent_source")),
                    null, null, null));
        }
        recipients(contactId, entries);
        events(contactId, entries);
        jdbc.query("SELECT reason, created_at FROM suppression WHERE kind = 'ADDRESS' AND entry = ?", rs -> {
            entries.add(new TimelineEntry(instant(rs.getTimestamp(2)), TimelineEntry.Kind.SUPPRESSED,
                    "Address suppressed (" + rs.getString(1).toLowerCase() + ")", null, null, null));
        }, email);
        entries.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return new ContactTimeline(contactId, email, stats.contact(contactId), List.copyOf(entries));
    }

    /**
     * "Added" with who did it (the contact.create audit entry, or the import/form the
     * consent source names), then changes.
     */
    private void audit(long contactId, Instant createdAt, String source, List<TimelineEntry> entries) {
        List<TimelineEntry> changes = new ArrayList<>();
        String[] addedBy = { null };
        jdbc.query(
                "SELECT action, actor_name, channel, details, occurred_at FROM audit_entry WHERE target_type = 'contact' AND target_id = ? "
                        + "ORDER BY id DESC LIMIT " + MAX_PER_SOURCE,
                rs -> {
                    String action = rs.getString(1);
                    String by = rs.getString(2) + " (" + rs.getString(3).toLowerCase() + ")";
                    if ("contact.create".equals(action)) {
                        addedBy[0] = by;
                    }
                    else {
                        changes.add(new TimelineEntry(instant(rs.getTimestamp(5)), TimelineEntry.Kind.CHANGED,
                                describe(action, rs.getString(4)), null, null, by));
                    }
                }, String.valueOf(contactId));
        entries.add(new TimelineEntry(createdAt, TimelineEntry.Kind.ADDED,
                addedBy[0] != null ? "Added by " + addedBy[0] : "Added" + (source == null ? "" : " from " + source),
                null, null, addedBy[0]));
        entries.addAll(changes);
    }

    private void recipients(long contactId, List<TimelineEntry> entries) {
        jdbc.query(
                "SELECT r.campaign_id, c.name, r.status, r.sent_at, r.created_at, r.last_error FROM campaign_recipient r "
                        + "JOIN campaign c ON c.id = r.campaign_id WHERE r.contact_id = ? AND r.status IN ('SENT', 'FAILED', 'SKIPPED') "
                        + "ORDER BY r.id DESC LIMIT " + MAX_PER_SOURCE,
                rs -> {
                    boolean sent = "SENT".equals(rs.getString(3));
                    Instant at = instant(rs.getTimestamp(sent ? 4 : 5));
                    entries.add(
                            new TimelineEntry(at, sent ? TimelineEntry.Kind.RECEIVED : TimelineEntry.Kind.NOT_DELIVERED,
                                    (sent ? "Received \"" : "Not delivered: \"") + rs.getString(2) + "\""
                                            + (sent || rs.getString(6) == null ? "" : " (" + rs.getString(6) + ")"),
                                    rs.getLong(1), null, null));
                }, contactId);
    }

    private void events(long contactId, List<TimelineEntry> entries) {
        jdbc.query(
                "SELECT e.kind, e.occurred_at, e.machine, e.machine_reason, e.campaign_id, c.name, l.url FROM tracking_event e "
                        + "JOIN campaign_recipient r ON r.id = e.recipient_id JOIN campaign c ON c.id = e.campaign_id "
                        + "LEFT JOIN campaign_link l ON l.id = e.link_id WHERE r.contact_id = ? ORDER BY e.id DESC LIMIT "
                        + MAX_PER_SOURCE,
                rs -> {
                    entries.add(event(rs));
                }, contactId);
    }

    private static TimelineEntry event(ResultSet rs) throws SQLException {
        String kind = rs.getString(1);
        boolean machine = rs.getBoolean(3);
        String who = machine ? " by a machine" + (rs.getString(4) == null ? "" : " (" + rs.getString(4) + ")") : "";
        String campaign = "\"" + rs.getString(6) + "\"";
        return switch (kind) {
            case "OPEN" -> new TimelineEntry(instant(rs.getTimestamp(2)), TimelineEntry.Kind.OPENED,
                    "Opened " + campaign + who, rs.getLong(5), machine, null);
            case "CLICK" -> new TimelineEntry(instant(rs.getTimestamp(2)), TimelineEntry.Kind.CLICKED,
                    "Clicked " + (rs.getString(7) == null ? "a link" : rs.getString(7)) + " in " + campaign + who,
                    rs.getLong(5), machine, null);
            default -> new TimelineEntry(instant(rs.getTimestamp(2)), TimelineEntry.Kind.UNSUBSCRIBED,
                    "Unsubscribed from " + campaign, rs.getLong(5), null, null);
        };
    }

    private static String describe(String action, String details) {
        String what = switch (action) {
            case "contact.update" -> "Details changed";
            case "contact.status" -> "Status changed";
            case "contact.delete" -> "Deleted";
            case "gdpr.export" -> "Personal data exported";
            default -> action;
        };
        return details == null || details.isBlank() ? what : what + ": " + details;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }

}
