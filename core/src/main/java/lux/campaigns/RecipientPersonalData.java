package lux.campaigns;

import lux.gdpr.CoreSections;
import lux.gdpr.PersonalDataHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The campaigns an address received: on erasure the history keeps only an
 * "erased-N@invalid" placeholder, and unsent recipients are skipped so the placeholder is
 * never handed to a mail transport.
 */
@Component
@Order(CoreSections.CAMPAIGNS_RECEIVED_ORDER)
class RecipientPersonalData implements PersonalDataHolder {

    private final JdbcTemplate jdbc;

    RecipientPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return CoreSections.CAMPAIGNS_RECEIVED;
    }

    @Override
    public Object export(String email) {
        return jdbc.query(
                "SELECT r.campaign_id, c.name, r.status, r.sent_at, r.created_at, r.email "
                        + "FROM campaign_recipient r JOIN campaign c ON c.id = r.campaign_id "
                        + "WHERE r.email = ? OR r.contact_id IN (SELECT id FROM contact WHERE email = ?) ORDER BY r.id",
                (rs, n) -> CoreSections.row("campaignId", rs.getLong(1), "campaign", rs.getString(2), "status",
                        rs.getString(3), "sentAt", CoreSections.instant(rs, 4), "addedAt", CoreSections.instant(rs, 5),
                        "address", rs.getString(6)),
                email, email);
    }

    @Override
    public int erase(String email) {
        return jdbc
            .update("UPDATE campaign_recipient SET email = CONCAT('erased-', CAST(id AS VARCHAR(20)), '@invalid'), "
                    + "contact_id = NULL, provider_message_id = NULL, claim_token = NULL, "
                    + "last_error = CASE WHEN status IN ('PENDING', 'SENDING') THEN 'address erased on request' ELSE NULL END, "
                    + "status = CASE WHEN status IN ('PENDING', 'SENDING') THEN 'SKIPPED' ELSE status END "
                    + "WHERE email = ? OR contact_id IN (SELECT id FROM contact WHERE email = ?)", email, email);
    }

}
