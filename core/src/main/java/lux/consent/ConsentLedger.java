package lux.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import lux.audit.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends consent events and reads them back. There is deliberately no way to change or
 * delete an event: the only erasure is of the IP addresses kept beside them
 * ({@link #forgetPersonalData}); the events themselves name the person by the SHA-256 of
 * the address and so remain as proof.
 */
@Service
public class ConsentLedger {

    static final int MAX_SOURCE = 500;
    static final int MAX_TEXT = 4000;

    private final JdbcTemplate jdbc;

    private final Clock clock;

    ConsentLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Appends one event in the caller's transaction, so the change and its consent record
     * commit together.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(NewConsentEvent event) {
        String textHash = rememberText(event.text());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement(
                    "INSERT INTO consent_event (occurred_at, email_hash, contact_id, kind, channel, source, "
                            + "text_hash, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] { "id" });
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, hash(event.email()));
            ps.setObject(3, event.contactId());
            ps.setString(4, event.kind().name());
            ps.setString(5, cut(event.channel(), 30));
            ps.setString(6, cut(event.source(), MAX_SOURCE));
            ps.setString(7, textHash);
            ps.setString(8, cut(event.actor(), 200));
            return ps;
        }, key);
        if (event.ip() != null && !event.ip().isBlank()) {
            jdbc.update("INSERT INTO consent_event_ip (event_id, ip) VALUES (?, ?)", key.getKey().longValue(),
                    cut(event.ip(), 64));
        }
    }

    /**
     * Appends one event per address in a single JDBC batch (imports write thousands at a
     * time); none carries an IP.
     * @param contacts normalised address -> contact id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(Map<String, Long> contacts, ConsentKind kind, String channel, String source, String text,
            String actor) {
        if (contacts.isEmpty()) {
            return;
        }
        String textHash = rememberText(text);
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = contacts.entrySet()
            .stream()
            .map(e -> new Object[] { now, hash(e.getKey()), e.getValue(), kind.name(), cut(channel, 30),
                    cut(source, MAX_SOURCE), textHash, cut(actor, 200) })
            .toList();
        jdbc.batchUpdate(
                "INSERT INTO consent_event (occurred_at, email_hash, contact_id, kind, channel, source, text_hash, actor) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    /**
     * Everything recorded for this normalised address, oldest first (also after an
     * erasure, then without IPs).
     */
    @Transactional(readOnly = true)
    public List<ConsentEvent> history(String email) {
        return jdbc.query(
                "SELECT e.id, e.occurred_at, e.kind, e.channel, e.source, e.text_hash, t.text, i.ip, e.actor, e.contact_id "
                        + "FROM consent_event e LEFT JOIN consent_text t ON t.text_hash = e.text_hash "
                        + "LEFT JOIN consent_event_ip i ON i.event_id = e.id WHERE e.email_hash = ? ORDER BY e.id",
                ConsentLedger::map, hash(email));
    }

    /** The exact consent text with this hash, as it was first shown. */
    @Transactional(readOnly = true)
    public java.util.Optional<String> text(String textHash) {
        return jdbc.queryForList("SELECT text FROM consent_text WHERE text_hash = ?", String.class, textHash)
            .stream()
            .findFirst();
    }

    /**
     * Deletes the IP addresses recorded for this address (erasure); the events stay.
     * Returns how many went.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int forgetPersonalData(String email) {
        return jdbc.update(
                "DELETE FROM consent_event_ip WHERE event_id IN (SELECT id FROM consent_event WHERE email_hash = ?)",
                hash(email));
    }

    /**
     * The channel name for an actor's channel: console, api, teams, scheduler, system.
     */
    public static String channelOf(Actor actor) {
        return actor.channel().name().toLowerCase(Locale.ROOT);
    }

    /**
     * SHA-256 of a normalised address, hex; the same as the suppression list's hash of an
     * erased address.
     */
    public static String hash(String normalisedEmail) {
        return sha256(normalisedEmail);
    }

    /** SHA-256 of a consent text, hex: its version. */
    public static String textHash(String text) {
        return sha256(text);
    }

    private String rememberText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stored = cut(text, MAX_TEXT);
        String hash = textHash(stored);
        jdbc.update(
                "INSERT INTO consent_text (text_hash, text, first_shown_at) SELECT ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM consent_text WHERE text_hash = ?)",
                hash, stored, Timestamp.from(clock.instant()), hash);
        return hash;
    }

    private static ConsentEvent map(ResultSet rs, int row) throws SQLException {
        long contact = rs.getLong(10);
        return new ConsentEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                ConsentKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.wasNull() ? null : contact);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

}
