package lux.shared;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * A PostgreSQL statement over {@code unnest(?::type[], ...)}: rows turned into one array
 * per column, bound in order. One such UPDATE replaces a JDBC batch of single-row updates
 * (each planned and run on its own). Timestamps go as ISO-8601 text (UTC); the SQL casts
 * them back with {@code CAST(v.x AS TIMESTAMP WITH TIME ZONE)}. Used by delivery's and
 * journeys' outcome writes.
 */
public final class Unnest {

    private Unnest() {
    }

    /**
     * {@code sql} with one placeholder per entry of {@code types} (PostgreSQL type names
     * such as {@code text}, {@code bigint}, {@code integer}), the rows' columns in order.
     */
    public static PreparedStatementCreator of(String sql, List<Object[]> rows, String... types) {
        Object[][] columns = new Object[types.length][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < types.length; c++) {
                Object v = rows.get(i)[c];
                columns[c][i] = v instanceof Timestamp t ? t.toInstant().toString() : v;
            }
        }
        return con -> {
            PreparedStatement ps = con.prepareStatement(sql);
            for (int c = 0; c < types.length; c++) {
                ps.setArray(c + 1, con.createArrayOf(types[c], columns[c]));
            }
            return ps;
        };
    }

    /**
     * Writes {@code rows}: on PostgreSQL with the one {@code unnestSql} statement (a
     * placeholder per entry of {@code types}), elsewhere (H2, in process) as a JDBC batch
     * of {@code batchSql}, one row each. Both take the rows' columns in the same order;
     * no rows, no statement.
     */
    public static void write(JdbcTemplate jdbc, SqlDialect dialect, List<Object[]> rows, String batchSql,
            String unnestSql, String... types) {
        if (rows.isEmpty()) {
            return;
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            jdbc.update(of(unnestSql, rows, types));
        }
        else {
            jdbc.batchUpdate(batchSql, rows);
        }
    }

}
