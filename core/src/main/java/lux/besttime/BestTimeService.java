package lux.besttime;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lux.audit.Actor;
import lux.audit.AuditService;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.shared.ConflictException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The face of send-time optimisation for chat, console and API: choosing a best-time send
 * for a campaign that has not started, and how it compared with the plain time after.
 */
@Service
public class BestTimeService {

    private final BestTimeChoices choices;

    private final CampaignService campaigns;

    private final AuditService audit;

    private final JdbcTemplate jdbc;

    private final BestTimeProperties properties;

    BestTimeService(BestTimeChoices choices, CampaignService campaigns, AuditService audit, JdbcTemplate jdbc,
            BestTimeProperties properties) {
        this.choices = choices;
        this.campaigns = campaigns;
        this.audit = audit;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Sends campaign {@code id} at each contact's best time within the window after its
     * start ({@code on}), or at its plain time. Refused once it is sending or over.
     */
    @Transactional
    public CampaignView choose(long id, boolean on, Actor actor) {
        CampaignView campaign = campaigns.get(id);
        if (campaign.status() != CampaignStatus.DRAFT && campaign.status() != CampaignStatus.SCHEDULED) {
            throw new ConflictException("Campaign \"" + campaign.name() + "\" is " + campaign.status().label()
                    + "; when it is sent can only be chosen before it starts.");
        }
        if (choices.set(id, on)) {
            audit.record(actor, on ? "campaign.best-time.on" : "campaign.best-time.off", "Campaign", id,
                    on ? "each contact's best time within " + properties.window().toHours() + " hours"
                            : "the plain send time");
        }
        return campaign;
    }

    public boolean chosen(long id) {
        return choices.chosen(id);
    }

    /** The window after the start in which best-time recipients are due, in hours. */
    public long windowHours() {
        return properties.window().toHours();
    }

    /**
     * Sent recipients and their human openers per group (own best hour, audience's hour,
     * plain time), from the recipient rows and the events.
     */
    @Transactional(readOnly = true)
    public BestTimeComparison compare(long id) {
        Map<SendSlot, long[]> counts = new EnumMap<>(SendSlot.class);
        jdbc.query(
                "SELECT COALESCE(r.send_slot, 'PLAIN'), COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM tracking_event e "
                        + "WHERE e.recipient_id = r.id AND e.kind = 'OPEN' AND e.machine = FALSE) THEN 1 ELSE 0 END) "
                        + "FROM campaign_recipient r WHERE r.campaign_id = ? AND r.status = 'SENT' "
                        + "GROUP BY COALESCE(r.send_slot, 'PLAIN')",
                rs -> {
                    counts.put(SendSlot.valueOf(rs.getString(1)), new long[] { rs.getLong(2), rs.getLong(3) });
                }, id);
        List<BestTimeComparison.Group> groups = new ArrayList<>();
        for (SendSlot slot : SendSlot.values()) {
            long[] c = counts.getOrDefault(slot, new long[2]);
            groups.add(new BestTimeComparison.Group(slot, c[0], c[1], c[0] == 0 ? 0 : (double) c[1] / c[0]));
        }
        return new BestTimeComparison(id, choices.chosen(id), groups);
    }

}
