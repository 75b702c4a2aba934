package lux.testsupport;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Searches every text column of every table of the test schema for some strings
 * (case-insensitive): the proof that an erasure left nothing behind, whatever table a
 * future feature adds.
 */
public final class WholeDatabaseScan {

    private static final Set<Integer> TEXT = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB);

    private WholeDatabaseScan() {
    }

    /** One text column of one table. */
    public record Column(String table, String column) {
    }

    /** Every text column of the schema the test database uses. */
    public static List<Column> textColumns(JdbcTemplate jdbc) {
        return jdbc.execute((ConnectionCallback<List<Column>>) connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = escape(connection.getSchema(), meta.getSearchStringEscape());
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, "%", "%")) {
                while (rs.next()) {
                    String type = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                    if (TEXT.contains(rs.getInt("DATA_TYPE")) || type.equals("text") || type.startsWith("json")) {
                        columns.add(new Column(rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME")));
                    }
                }
            }
            return columns;
        });
    }

    /**
     * "table.column: value" for every stored value containing one of {@code needles};
     * empty when none does.
     */
    public static List<String> find(JdbcTemplate jdbc, String... needles) {
        List<Column> columns = textColumns(jdbc);
        if (columns.size() < 20) {
            throw new IllegalStateException(
                    "Only " + columns.size() + " text columns found: the scan is not looking at LUX's schema");
        }
        List<String> found = new ArrayList<>();
        for (Column c : columns) {
            for (String needle : needles) {
                jdbc.query("SELECT CAST(" + c.column() + " AS VARCHAR(100000)) FROM " + c.table() + " WHERE LOWER(CAST("
                        + c.column() + " AS VARCHAR(100000))) LIKE ?", rs -> {
                            found.add(c.table() + "." + c.column() + ": " + abbreviate(rs.getString(1)));
                        }, "%" + needle.toLowerCase(Locale.ROOT).replace("\\", "\\\\") + "%");
            }
        }
        return found;
    }

    private static String abbreviate(String value) {
        return value.length() <= 300 ? value : value.substring(0, 300) + "...";
    }

    private static String escape(String pattern, String escape) throws SQLException {
        return pattern == null ? null : pattern.replace("_", escape + "_").replace("%", escape + "%");
    }

}
