package lux.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.stereotype.Component;

/**
 * Core's V61 and V64 were released with statements on the agent's confirmation table;
 * those statements now live in the agent's own migrations (tools, db/agent), so the two
 * scripts' checksums changed. A database that ran the released scripts records the
 * released checksums: before Flyway validates, this accepts exactly those (any other
 * checksum still fails validation, as an edited script should) by recording today's.
 */
@Component
public class SplitMigrationChecksums implements Callback {

    /** Version, released checksum, today's checksum. */
    static final Map<String, long[]> SPLIT = Map.of("61", new long[] { -2101591294, 1582818154 }, "64",
            new long[] { -1036390926, -752114053 });

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    /**
     * Flyway quotes the history table's lower-case column names, so they are quoted here
     * too (H2 without DATABASE_TO_LOWER would otherwise look for CHECKSUM).
     */
    @Override
    public void handle(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        Connection connection = context.getConnection();
        try {
            String schema = schema(configuration, connection);
            if (!historyExists(connection, schema, configuration.getTable())) {
                return;
            }
            String update = "UPDATE " + (schema == null ? "" : quote(schema) + ".") + quote(configuration.getTable())
                    + " SET \"checksum\" = ? WHERE \"version\" = ? AND \"checksum\" = ?";
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                for (Map.Entry<String, long[]> split : SPLIT.entrySet()) {
                    statement.setInt(1, (int) split.getValue()[1]);
                    statement.setString(2, split.getKey());
                    statement.setInt(3, (int) split.getValue()[0]);
                    statement.executeUpdate();
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        catch (SQLException ex) {
            throw new FlywayException("Could not record the checksums of core's split migrations V61 and V64", ex);
        }
    }

    @Override
    public String getCallbackName() {
        return "split migration checksums";
    }

    private static String schema(Configuration configuration, Connection connection) throws SQLException {
        if (configuration.getDefaultSchema() != null) {
            return configuration.getDefaultSchema();
        }
        return configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : connection.getSchema();
    }

    private static boolean historyExists(Connection connection, String schema, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, table, null)) {
            return tables.next();
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
