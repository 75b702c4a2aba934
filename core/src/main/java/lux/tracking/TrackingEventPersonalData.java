package lux.tracking;

import lux.gdpr.CoreSections;
import lux.gdpr.PersonalDataHolder;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens and clicks of the address's mails: erasure clears their user agents and keeps the
 * counts (the recipient is anonymised after this).
 */
@Component
@Order(CoreSections.TRACKING_EVENTS_ORDER)
class TrackingEventPersonalData implements PersonalDataHolder {

    static final String RECIPIENTS = "(SELECT id FROM campaign_recipient WHERE email = ? "
            + "OR contact_id IN (SELECT id FROM contact WHERE email = ?))";

    private final JdbcTemplate jdbc;

    TrackingEventPersonalData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return CoreSections.TRACKING_EVENTS;
    }

    @Override
    public Object export(String email) {
        return jdbc.query(
                "SELECT e.campaign_id, e.kind, e.occurred_at, l.url, e.user_agent, e.machine "
                        + "FROM tracking_event e LEFT JOIN campaign_link l ON l.id = e.link_id WHERE e.recipient_id IN "
                        + RECIPIENTS + " ORDER BY e.occurred_at, e.id",
                (rs, n) -> CoreSections.row("campaignId", rs.getLong(1), "kind", rs.getString(2), "at",
                        CoreSections.instant(rs, 3), "link", rs.getString(4), "userAgent", rs.getString(5), "automated",
                        rs.getBoolean(6)),
                email, email);
    }

    @Override
    public int erase(String email) {
        return jdbc
            .update("UPDATE tracking_event SET user_agent = NULL WHERE user_agent IS NOT NULL AND recipient_id IN "
                    + RECIPIENTS, email, email);
    }

}
