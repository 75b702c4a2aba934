package lux.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lux.contacts.AudienceFilter;
import lux.shared.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A starting campaign's audience as recipient rows: one PENDING row per active, unsuppressed, unpaused contact that
 * matches the audience's tags at that moment, inserted with INSERT ... SELECT window by window. A tag the reader opted
 * out of as a topic (preference centre) does not count as held when matching {@code anyOf}/{@code allOf}; it still
 * counts for {@code excluded}, so an opt-out never lets anyone into a campaign.
 */
@Component
class AudienceMaterialiser {
    private static final Logger log = LoggerFactory.getLogger(AudienceMaterialiser.class);
    /** Contact ids per INSERT ... SELECT: large enough that per-statement costs vanish, small enough for short locks. */
    private static final int WINDOW = 50_000;
    /** Inside a tag-matching EXISTS: the contact has not opted out of this tag as a topic. */
    private static final String NOT_OPTED_OUT =
            " AND NOT EXISTS (SELECT 1 FROM contact_topic_opt_out o WHERE o.contact_id = c.id AND o.tag_id = ct.tag_id)";
    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final Clock clock;

    AudienceMaterialiser(JdbcTemplate jdbc, SqlDialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
    }

    /**
     * Inserts one PENDING row per active, unsuppressed contact matching {@code filter}, walking contact ids in
     * windows so no transaction or list grows with the audience. Safe to repeat: rows already there are kept
     * (ON CONFLICT on the (campaign, email) key rather than an anti-join against the recipients, which the planner
     * turned into a scan of the growing table per contact). On PostgreSQL the tables are analysed first: with
     * stale statistics (right after a big import) it picked nested loops over the suppression list per contact,
     * minutes for 20,000 contacts instead of hash anti-joins that take a second.
     */
    long materialise(long campaignId, AudienceFilter filter) {
        Long min = jdbc.queryForObject("SELECT MIN(id) FROM contact", Long.class);
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM contact", Long.class);
        if (min == null || max == null) {
            return 0;
        }
        analyse("contact", "suppression", "contact_tag", "tag", "contact_topic_opt_out");
        StringBuilder sql = new StringBuilder("INSERT INTO campaign_recipient (campaign_id, contact_id, email, status, attempts, created_at) "
                + "SELECT ?, c.id, c.email, 'PENDING', 0, ? FROM contact c WHERE c.id > ? AND c.id <= ? AND c.status = 'ACTIVE'"
                + " AND (c.paused_until IS NULL OR c.paused_until <= ?)");
        List<Object> tagArgs = new ArrayList<>();
        if (!filter.anyOf().isEmpty()) {
            sql.append(" AND EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name IN (")
                    .append(placeholders(filter.anyOf().size())).append(")").append(NOT_OPTED_OUT).append(")");
            tagArgs.addAll(filter.anyOf());
        }
        for (String tag : filter.allOf()) {
            sql.append(" AND EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name = ?")
                    .append(NOT_OPTED_OUT).append(")");
            tagArgs.add(tag);
        }
        if (!filter.excluded().isEmpty()) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id AND t.name IN (")
                    .append(placeholders(filter.excluded().size())).append("))");
            tagArgs.addAll(filter.excluded());
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'ADDRESS' AND s.entry = c.email)")
                .append(" AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'DOMAIN' AND s.entry = SUBSTRING(c.email FROM POSITION('@' IN c.email) + 1))")
                .append(" AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.kind = 'ADDRESS_HASH' AND s.entry = ")
                .append(dialect.sha256Hex("c.email")).append(")")
                .append(" ON CONFLICT DO NOTHING");
        long inserted = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (long from = min - 1; from < max; from += WINDOW) {
            List<Object> args = new ArrayList<>(List.of(campaignId, now, from, from + WINDOW, now));
            args.addAll(tagArgs);
            inserted += jdbc.update(sql.toString(), args.toArray());
        }
        analyse("campaign_recipient"); // the claim and counter queries plan with the new campaign's rows known
        return inserted;
    }

    /** PostgreSQL only; a user that may not analyse (not the owner) just keeps the planner's current statistics. */
    private void analyse(String... tables) {
        if (dialect != SqlDialect.POSTGRESQL) {
            return;
        }
        for (String table : tables) {
            try {
                jdbc.execute("ANALYZE " + table);
            } catch (RuntimeException e) {
                log.debug("ANALYZE {} not possible: {}", table, e.getMessage());
            }
        }
    }


    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
