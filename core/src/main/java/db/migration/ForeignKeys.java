package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds and drops foreign keys by table and column, for Java migrations: keys created
 * unnamed are named differently by H2 and PostgreSQL. Not a migration itself (Flyway runs
 * only JavaMigration classes).
 */
final class ForeignKeys {

    private ForeignKeys() {
    }

    /**
     * The names of the foreign keys of {@code table} on any of {@code columns}, in the
     * current schema.
     */
    static List<String> on(Connection connection, String table, List<String> columns) throws SQLException {
        List<String> names = new ArrayList<>();
        String in = String.join(",", columns.stream().map(c -> "?").toList());
        try (PreparedStatement s = connection
            .prepareStatement("SELECT DISTINCT tc.constraint_name FROM information_schema.table_constraints tc "
                    + "JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name "
                    + "AND k.constraint_schema = tc.constraint_schema AND k.table_name = tc.table_name "
                    + "WHERE LOWER(tc.table_name) = ? AND tc.constraint_type = 'FOREIGN KEY' "
                    + "AND tc.table_schema = CURRENT_SCHEMA AND LOWER(k.column_name) IN (" + in + ")")) {
            s.setString(1, table.toLowerCase(Locale.ROOT));
            for (int i = 0; i < columns.size(); i++) {
                s.setString(i + 2, columns.get(i).toLowerCase(Locale.ROOT));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * Drops exactly {@code expected} foreign keys of {@code table} on {@code columns}, or
     * fails naming what it found.
     */
    static void drop(Connection connection, String table, List<String> columns, int expected) throws SQLException {
        List<String> names = on(connection, table, columns);
        if (names.size() != expected) {
            throw new IllegalStateException(
                    "Expected " + expected + " foreign key(s) of " + table + " on " + columns + ", found " + names);
        }
        try (Statement s = connection.createStatement()) {
            for (String name : names) {
                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + name + "\"");
            }
        }
    }

}
