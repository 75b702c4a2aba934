package lux.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import lux.besttime.DueTimes;
import lux.campaigns.CampaignAudiences;
import lux.segments.SegmentService;
import lux.segments.SegmentSql;
import lux.shared.PlannerStatistics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A starting campaign's audience as recipient rows: one PENDING row per active,
 * unsuppressed, unpaused contact that matches the audience (tags, segment or resend) at
 * that moment, inserted with INSERT ... SELECT window by window. A tag the reader opted
 * out of as a topic (preference centre) does not count as held (see SegmentSql).
 */
@Component
class AudienceMaterialiser {

    /**
     * Contact ids per INSERT ... SELECT: large enough that per-statement costs vanish,
     * small enough for short locks.
     */
    private static final int WINDOW = 50_000;

    /**
     * Inside a tag-matching EXISTS: the contact has not opted out of this tag as a topic.
     */
    private static final String NOT_OPTED_OUT = " AND NOT EXISTS (SELECT 1 FROM contact_topic_opt_out o WHERE o.contact_id = c.id AND o.tag_id = ct.tag_id)";

    private final JdbcTemplate jdbc;

    private final PlannerStatistics statistics;

    private final Clock clock;

    private final SegmentService segments;

    private final CampaignAudiences campaignAudiences;

    private final ObjectProvider<AudienceShaping> shapers;

    private final DueTimes dueTimes;

    AudienceMaterialiser(JdbcTemplate jdbc, PlannerStatistics statistics, Clock clock, SegmentService segments,
            CampaignAudiences campaignAudiences, ObjectProvider<AudienceShaping> shapers, DueTimes dueTimes) {
        this.shapers = shapers;
        this.dueTimes = dueTimes;
        this.campaignAudiences = campaignAudiences;
        this.segments = segments;
        this.jdbc = jdbc;
        this.statistics = statistics;
        this.clock = clock;
    }

    /**
     * Inserts one PENDING row per active, unsuppressed contact matching the campaign's
     * audience (tags, a segment, or the non-openers of an earlier campaign: one INSERT
     * ... SELECT from {@link SegmentSql}), walking contact ids in windows so no
     * transaction or list grows with the audience. Safe to repeat: rows already there are
     * kept (ON CONFLICT on the (campaign, email) key rather than an anti-join against the
     * recipients, which the planner turned into a scan of the growing table per contact).
     * On PostgreSQL the tables are analysed first: with stale statistics (right after a
     * big import) it picked nested loops over the suppression list per contact, minutes
     * for 20,000 contacts instead of hash anti-joins that take a second.
     */
    long materialise(long campaignId) {
        Long min = jdbc.queryForObject("SELECT MIN(id) FROM contact", Long.class);
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM contact", Long.class);
        if (min == null || max == null) {
            return 0;
        }
        statistics.refresh("contact", "suppression", "contact_tag", "tag", "contact_topic_opt_out");
        SegmentSql audience = segments.sql(campaignAudiences.definition(campaignId));
        StringBuilder where = new StringBuilder(audience.where());
        List<Object> narrowingArgs = new ArrayList<>();
        shapers.orderedStream()
            .map(shaper -> shaper.narrowing(campaignId, audience))
            .filter(Objects::nonNull)
            .forEach(narrowing -> {
                where.append(" AND (").append(narrowing.where()).append(')');
                narrowingArgs.addAll(narrowing.args());
            });
        String sql = "INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, created_at) "
                + "SELECT ?, c.id, c.email, 'PENDING', 0, ? FROM contact c WHERE c.id > ? AND c.id <= ? AND " + where
                + " ON CONFLICT DO NOTHING";
        long inserted = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (long from = min - 1; from < max; from += WINDOW) {
            List<Object> args = new ArrayList<>(List.of(audience.argsAfter(campaignId, now, from, from + WINDOW)));
            args.addAll(narrowingArgs);
            inserted += jdbc.update(sql, args.toArray());
        }
        shapers.orderedStream().forEach(shaper -> shaper.shape(campaignId)); // an A/B
                                                                             // test keeps
                                                                             // its share
        dueTimes.assignIfChosen(campaignId, clock.instant()); // a best-time send: each
                                                              // recipient's due time
        statistics.refresh("campaign_recipient"); // the claim and counter queries plan
                                                  // with the new
        // campaign's rows known
        return inserted;
    }

}
