package lux.shared;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The two databases LUX runs on; the few statements that differ (locking, upserts,
 * hashing) ask which one this is.
 */
public enum SqlDialect {

    POSTGRESQL, H2;

    public static SqlDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres") ? POSTGRESQL : H2;
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database LUX is connected to: " + e.getMessage(), e);
        }
    }

    /**
     * SQL for the lower-case hex SHA-256 of a UTF-8 text column, as
     * {@code SuppressionService.hash} computes it.
     */
    public String sha256Hex(String column) {
        return this == POSTGRESQL ? "encode(sha256(convert_to(" + column + ", 'UTF8')), 'hex')"
                : "LOWER(RAWTOHEX(HASH('SHA-256', CAST(" + column + " AS VARBINARY))))";
    }

    /** Lock clause for claiming rows other workers may be claiming at the same moment. */
    public String skipLocked() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

}
