package lux.signup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pending_signup table: sign-ups waiting for their confirmation link, one per form
 * and address.
 */
@Component
class PendingSignups {

    private final JdbcTemplate jdbc;

    record Pending(long id, long formId, String email, String firstName, String lastName, String textHash,
            Instant expiresAt) {
    }

    PendingSignups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes expired sign-ups and says how many are still waiting. */
    int purgeExpiredAndCount(Instant now) {
        jdbc.update("DELETE FROM pending_signup WHERE expires_at < ?", Timestamp.from(now));
        return jdbc.queryForObject("SELECT COUNT(*) FROM pending_signup", Integer.class);
    }

    /**
     * Stores the sign-up, or renews the one already waiting for this form and address;
     * returns its id.
     */
    long save(long formId, String email, String firstName, String lastName, String textHash, String ip, Instant now,
            Instant expiresAt) {
        // ON CONFLICT: two sign-ups of one address at once must not fail on the unique
        // key (H2 understands it too)
        int inserted = jdbc.update(
                "INSERT INTO pending_signup (form_id, email, first_name, last_name, text_hash, ip, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                formId, email, firstName, lastName, textHash, ip, Timestamp.from(now), Timestamp.from(expiresAt));
        if (inserted == 0) {
            jdbc.update(
                    "UPDATE pending_signup SET first_name = ?, last_name = ?, text_hash = ?, ip = ?, expires_at = ? "
                            + "WHERE form_id = ? AND email = ?",
                    firstName, lastName, textHash, ip, Timestamp.from(expiresAt), formId, email);
        }
        return jdbc.queryForObject("SELECT id FROM pending_signup WHERE form_id = ? AND email = ?", Long.class, formId,
                email);
    }

    /**
     * Takes the pending sign-up out (confirming it); empty when it is gone (used,
     * expired, erased) or taken by another click.
     */
    Optional<Pending> take(long id) {
        Optional<Pending> found = jdbc
            .query("SELECT id, form_id, email, first_name, last_name, text_hash, expires_at "
                    + "FROM pending_signup WHERE id = ?",
                    (rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()),
                    id)
            .stream()
            .findFirst();
        return found.filter(p -> jdbc.update("DELETE FROM pending_signup WHERE id = ?", id) == 1);
    }

    Optional<Long> formOf(long id) {
        return jdbc.queryForList("SELECT form_id FROM pending_signup WHERE id = ?", Long.class, id)
            .stream()
            .findFirst();
    }

    List<Map<String, Object>> export(String email) {
        return jdbc.query(
                "SELECT p.form_id, f.name, p.first_name, p.last_name, p.ip, p.created_at, p.expires_at FROM pending_signup p "
                        + "JOIN signup_form f ON f.id = p.form_id WHERE p.email = ? ORDER BY p.id",
                (rs, n) -> {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("formId", rs.getLong(1));
                    row.put("form", rs.getString(2));
                    row.put("firstName", rs.getString(3));
                    row.put("lastName", rs.getString(4));
                    row.put("ip", rs.getString(5));
                    row.put("signedUpAt", rs.getObject(6, OffsetDateTime.class).toInstant().toString());
                    row.put("expiresAt", rs.getObject(7, OffsetDateTime.class).toInstant().toString());
                    return row;
                }, email);
    }

    int erase(String email) {
        return jdbc.update("DELETE FROM pending_signup WHERE email = ?", email);
    }

}
