package lux.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import lux.audit.Actor;
import lux.contacts.ContactService;
import lux.contacts.ContactStatus;
import lux.suppression.SuppressionReason;
import lux.suppression.SuppressionService;
import lux.tracking.RollupWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a bounce does to its recipient: a hard one marks the recipient and the contact
 * BOUNCED and suppresses the address with the DSN status; soft ones are counted and
 * suppress the address once there are too many in the window. Each recipient counts once
 * in the campaign's bounce counters (a soft one that turns hard moves over).
 */
@Component
class BounceRecorder {

    static final Actor BOUNCE_PROCESSING = new Actor(null, "bounce processing", lux.audit.Channel.SYSTEM);

    private final JdbcTemplate jdbc;

    private final RollupWriter rollups;

    private final ContactService contacts;

    private final SuppressionService suppressions;

    private final InboundProperties properties;

    private final Clock clock;

    BounceRecorder(JdbcTemplate jdbc, RollupWriter rollups, ContactService contacts, SuppressionService suppressions,
            InboundProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.contacts = contacts;
        this.suppressions = suppressions;
        this.properties = properties;
        this.clock = clock;
    }

    void hard(RecipientRow r, String status) {
        Instant now = clock.instant();
        String before = jdbc.queryForObject("SELECT bounce FROM campaign_recipient WHERE id = ?", String.class, r.id());
        if (!"HARD".equals(before)) {
            jdbc.update("UPDATE campaign_recipient SET bounce = 'HARD', bounce_status = ?, bounced_at = ? WHERE id = ?",
                    status, Timestamp.from(now), r.id());
            rollups.add(r.campaignId(), "bounce.hard", 1);
            if ("SOFT".equals(before)) {
                rollups.add(r.campaignId(), "bounce.soft", -1);
            }
        }
        hold(r.email(),
                "hard bounce " + (status == null ? "" : status + " ") + "of campaign \"" + r.campaignName() + "\"");
    }

    void soft(RecipientRow r, String status) {
        if (jdbc.update(
                "UPDATE campaign_recipient SET bounce = 'SOFT', bounce_status = ?, bounced_at = ? WHERE id = ? AND bounce IS NULL",
                status, Timestamp.from(clock.instant()), r.id()) == 1) {
            rollups.add(r.campaignId(), "bounce.soft", 1);
        }
        Long recent = jdbc.queryForObject(
                "SELECT COUNT(*) FROM inbound_message WHERE email = ? AND kind = 'SOFT_BOUNCE' AND received_at > ?",
                Long.class, r.email(), Timestamp.from(clock.instant().minus(properties.softBounceWindow())));
        if (recent != null && recent >= properties.softBounceLimit()) {
            hold(r.email(), recent + " soft bounces within " + properties.softBounceWindow().toDays() + " days (last "
                    + status + ")");
        }
    }

    /**
     * Suppression first, so its note carries the DSN status; then the contact's hold
     * (which finds the entry in place).
     */
    private void hold(String email, String note) {
        suppressions.suppressAddress(email, SuppressionReason.BOUNCED, note, BOUNCE_PROCESSING);
        contacts.findByEmail(email)
            .filter(c -> c.status() == ContactStatus.ACTIVE)
            .ifPresent(c -> contacts.changeStatus(c.id(), ContactStatus.BOUNCED, note, BOUNCE_PROCESSING));
    }

}
