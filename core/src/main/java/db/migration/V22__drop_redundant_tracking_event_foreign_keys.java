package db.migration;

import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the foreign keys of tracking_event.campaign_id and link_id. Each was checked once
 * per stored hit, and they guard nothing the recipient key does not: an event's campaign
 * is its recipient's campaign (the signed token carries both), links are only ever
 * deleted with their campaign, and deleting a campaign still deletes its events through
 * campaign_recipient's cascade and the recipient_id key, which stays. Java, because V5
 * created the keys unnamed and H2 and PostgreSQL name them differently: the names are
 * looked up.
 */
public class V22__drop_redundant_tracking_event_foreign_keys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        ForeignKeys.drop(context.getConnection(), "tracking_event", List.of("campaign_id", "link_id"), 2);
    }

}
