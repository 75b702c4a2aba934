package lux.gdpr;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log's free text may name the address in any spelling (case, URL-encoded,
 * JSON-escaped): matching entries are exported and scrubbed. Here rather than in audit,
 * which GDPR records to.
 */
@Component
@Order(CoreSections.AUDIT_ORDER)
class AuditPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    AuditPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return CoreSections.AUDIT;
    }

    @Override
    public Object export(String email) {
        AddressText address = AddressText.of(email);
        AddressText.Condition inDetails = address.mentionedIn("details");
        return jdbc
            .query("SELECT action, occurred_at, details FROM audit_entry WHERE " + inDetails.sql() + " ORDER BY id",
                    (rs, n) -> CoreSections.row("action", rs.getString(1), "at", CoreSections.instant(rs, 2), "details",
                            rs.getString(3)),
                    inDetails.argArray())
            .stream()
            .filter(r -> address.foundIn((String) r.get("details")))
            .toList();
    }

    @Override
    public int erase(String email) {
        return AddressText.of(email).scrubColumn(jdbc, "audit_entry", "id", "details");
    }

}
