package lux.delivery.outbox;

import lux.gdpr.CoreSections;
import lux.gdpr.PersonalDataHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox keeps mails exactly as rendered (address, name, links): on erasure they go
 * entirely, first, while the recipients still lead to them.
 */
@Component
@Order(CoreSections.OUTBOX_ORDER)
class OutboxPersonalData implements PersonalDataHolder {

    private static final String WHERE = "recipient = ? OR recipient_id IN (SELECT id FROM campaign_recipient "
            + "WHERE email = ? OR contact_id IN (SELECT id FROM contact WHERE email = ?))";

    private final JdbcTemplate jdbc;

    OutboxPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return CoreSections.OUTBOX;
    }

    @Override
    public String erasedAs() {
        return "outbox_message";
    }

    @Override
    public Object export(String email) {
        return jdbc.query("SELECT campaign_id, subject, created_at FROM outbox_message WHERE " + WHERE + " ORDER BY id",
                (rs, n) -> CoreSections.row("campaignId", rs.getLong(1), "subject", rs.getString(2), "at",
                        CoreSections.instant(rs, 3)),
                email, email, email);
    }

    @Override
    public int erase(String email) {
        return jdbc.update("DELETE FROM outbox_message WHERE " + WHERE, email, email, email);
    }

}
