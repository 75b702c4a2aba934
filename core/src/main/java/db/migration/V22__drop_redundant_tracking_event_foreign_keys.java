package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the foreign keys of tracking_event.campaign_id and link_id. Each was checked once per stored hit, and they
 * guard nothing the recipient key does not: an event's campaign is its recipient's campaign (the signed token
 * carries both), links are only ever deleted with their campaign, and deleting a campaign still deletes its events
 * through campaign_recipient's cascade and the recipient_id key, which stays. Java, because V5 created the keys
 * unnamed and H2 and PostgreSQL name them differently: the names are looked up.
 */
public class V22__drop_redundant_tracking_event_foreign_keys extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement s = context.getConnection().createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT tc.constraint_name FROM information_schema.table_constraints tc "
                     + "JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name "
                     + "AND k.constraint_schema = tc.constraint_schema AND k.table_name = tc.table_name "
                     + "WHERE LOWER(tc.table_name) = 'tracking_event' AND tc.constraint_type = 'FOREIGN KEY' "
                     + "AND tc.table_schema = CURRENT_SCHEMA AND LOWER(k.column_name) IN ('campaign_id', 'link_id')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        if (names.size() != 2) {
            throw new IllegalStateException("Expected the two foreign keys of tracking_event.campaign_id and link_id, found " + names);
        }
        try (Statement s = context.getConnection().createStatement()) {
            for (String name : names) {
                s.execute("ALTER TABLE tracking_event DROP CONSTRAINT \"" + name + "\"");
            }
        }
    }
}
