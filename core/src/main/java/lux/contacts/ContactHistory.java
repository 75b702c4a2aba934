package lux.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lux.consent.ConsentEvent;
import lux.consent.ConsentKind;
import lux.consent.ConsentLedger;
import lux.contacts.ContactHistoryView.Entry;
import lux.contacts.ContactHistoryView.Kind;
import lux.shared.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What LUX did and saw for one contact, for the chat card "who is ana@example.com?": who
 * added or imported it, its consent, the campaigns it received, opens and clicks (people
 * and machines apart), unsubscribes and bounces. A fixed handful of set-based queries per
 * contact, however many campaigns it received.
 */
@Service
public class ContactHistory {

    /** The card shows the latest entries; older ones are counted. */
    public static final int MAX_ENTRIES = 30;

    private final JdbcTemplate jdbc;

    private final ConsentLedger ledger;

    ContactHistory(JdbcTemplate jdbc, ConsentLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** The console and the API show more of the history than a chat card. */
    public static final int MAX_ENTRIES_CONSOLE = 500;

    private static final String CONTACT = "SELECT c.id, c.email, c.first_name, c.last_name, c.company, c.status, "
            + "c.created_at, i.user_name, i.file_name, i.created_at AS imported_at FROM contact c "
            + "LEFT JOIN contact_import i ON i.id = c.last_import_id WHERE ";

    /** The chat card's history: by address, the latest {@link #MAX_ENTRIES}. */
    @Transactional(readOnly = true)
    public ContactHistoryView of(String rawEmail) {
        String email = rawEmail == null ? "" : rawEmail.strip().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = jdbc.queryForList(CONTACT + "c.email = ?", email);
        if (rows.isEmpty()) {
            throw new NotFoundException("Contact", email);
        }
        return view(rows.get(0), MAX_ENTRIES);
    }

    /** The console's and API's history: by id, the latest {@code maxEntries}. */
    @Transactional(readOnly = true)
    public ContactHistoryView of(long contactId, int maxEntries) {
        List<Map<String, Object>> rows = jdbc.queryForList(CONTACT + "c.id = ?", contactId);
        if (rows.isEmpty()) {
            throw new NotFoundException("Contact", contactId);
        }
        return view(rows.get(0), maxEntries);
    }

    private ContactHistoryView view(Map<String, Object> c, int maxEntries) {
        String email = (String) c.get("email");
        long id = ((Number) c.get("id")).longValue();
        List<Entry> entries = new ArrayList<>();
        entries.addAll(audit(id));
        if (c.get("file_name") != null) {
            entries.add(new Entry(instant(c.get("imported_at")), Kind.IMPORTED, (String) c.get("file_name"),
                    (String) c.get("user_name")));
        }
        entries.addAll(consent(email));
        entries.addAll(campaigns(id));
        entries.addAll(tracking(id));
        if (entries.stream().noneMatch(e -> e.kind() == Kind.ADDED || e.kind() == Kind.IMPORTED)) {
            entries.add(new Entry(instant(c.get("created_at")), Kind.ADDED, null, null));
        }
        entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::kind));
        int earlier = Math.max(0, entries.size() - maxEntries);
        List<String> tags = jdbc.queryForList("SELECT t.name FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id "
                + "WHERE ct.contact_id = ? ORDER BY t.name", String.class, id);
        return new ContactHistoryView(id, email, (String) c.get("first_name"), (String) c.get("last_name"),
                (String) c.get("company"), ContactStatus.valueOf((String) c.get("status")), tags,
                entries.subList(earlier, entries.size()), earlier);
    }

    /**
     * Added by hand (console, API, chat) and status changes a person made; unsubscribes
     * come from the consent ledger.
     */
    private List<Entry> audit(long id) {
        return jdbc.query(
                "SELECT action, actor_name, details, occurred_at FROM audit_entry WHERE target_type = 'contact' "
                        + "AND target_id = ? AND action IN ('contact.create', 'contact.status') ORDER BY id",
                (rs, n) -> {
                    boolean created = rs.getString("action").equals("contact.create");
                    return new Entry(instant(rs.getTimestamp("occurred_at")), created ? Kind.ADDED : Kind.STATUS,
                            created ? null : rs.getString("details"), rs.getString("actor_name"));
                }, String.valueOf(id))
            .stream()
            .filter(e -> e.kind() == Kind.ADDED || e.subject() == null || !e.subject().contains("-> UNSUBSCRIBED"))
            .toList();
    }

    /**
     * Sign-ups, confirmations, topic choices, unsubscribes and erasure requests (adding
     * and importing are shown above).
     */
    private List<Entry> consent(String email) {
        return ledger.history(email)
            .stream()
            .filter(e -> e.kind() != ConsentKind.ADDED && e.kind() != ConsentKind.IMPORT)
            .map(ContactHistory::consentEntry)
            .toList();
    }

    private static Entry consentEntry(ConsentEvent e) {
        String how = e.source() == null || e.source().isBlank() ? e.channel() : e.channel() + ": " + e.source();
        return e.kind() == ConsentKind.UNSUBSCRIBE ? new Entry(e.at(), Kind.UNSUBSCRIBED, how, e.actor())
                : new Entry(e.at(), Kind.CONSENT,
                        e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + how + ")", e.actor());
    }

    private List<Entry> campaigns(long id) {
        List<Entry> entries = new ArrayList<>();
        jdbc.query(
                "SELECT c.name, r.status, r.sent_at, r.bounce, r.bounce_status, r.bounced_at, c.id FROM campaign_recipient r "
                        + "JOIN campaign c ON c.id = r.campaign_id WHERE r.contact_id = ?",
                (ResultSet rs) -> {
                    if (rs.getTimestamp("sent_at") != null) {
                        entries.add(new Entry(instant(rs.getTimestamp("sent_at")), Kind.RECEIVED, rs.getString("name"),
                                null, rs.getLong("id")));
                    }
                    if (rs.getTimestamp("bounced_at") != null) {
                        String status = rs.getString("bounce_status");
                        entries.add(new Entry(instant(rs.getTimestamp("bounced_at")), Kind.BOUNCED,
                                rs.getString("name"), rs.getString("bounce").toLowerCase(Locale.ROOT)
                                        + (status == null ? "" : " (" + status + ")"),
                                rs.getLong("id")));
                    }
                }, id);
        return entries;
    }

    /**
     * Opens and clicks per campaign, people and machines (mail scanners, privacy proxies)
     * apart: first time and count.
     */
    private List<Entry> tracking(long id) {
        return jdbc.query("SELECT c.name, e.kind, e.machine, COUNT(*) AS times, MIN(e.occurred_at) AS first_at, "
                + "e.campaign_id "
                + "FROM tracking_event e JOIN campaign_recipient r ON r.id = e.recipient_id JOIN campaign c ON c.id = e.campaign_id "
                + "WHERE r.contact_id = ? AND e.kind IN ('OPEN', 'CLICK') GROUP BY e.campaign_id, c.name, e.kind, e.machine",
                (rs, n) -> trackingEntry(rs), id);
    }

    private static Entry trackingEntry(ResultSet rs) throws SQLException {
        boolean open = rs.getString("kind").equals("OPEN");
        boolean machine = rs.getBoolean("machine");
        Kind kind = open ? (machine ? Kind.OPENED_BY_MACHINE : Kind.OPENED)
                : (machine ? Kind.CLICKED_BY_MACHINE : Kind.CLICKED);
        long times = rs.getLong("times");
        return new Entry(instant(rs.getTimestamp("first_at")), kind, rs.getString("name"),
                times == 1 ? "once" : times + " times", rs.getLong("campaign_id"));
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant()
                : value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
    }

}
