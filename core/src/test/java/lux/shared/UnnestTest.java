package lux.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lux.testsupport.PostgresAvailability;
import lux.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@link Unnest} against the real PostgreSQL (the syntax is PostgreSQL's own): rows bound
 * as arrays update the rows they name by key and token, text, bigint, integer and null
 * values arrive as sent, and timestamps (bound as ISO-8601 text and cast back) keep their
 * instant whatever the session's time zone. Runs in the PostgreSQL run of the database
 * tests, on a temporary table of its own connection.
 */
@Tag("database")
@ExtendWith(PostgresAvailability.class)
class UnnestTest {

    static final String UPDATE = "UPDATE unnest_probe p SET name = v.name, amount = v.amount, "
            + "tries = p.tries + v.delta, done_at = CAST(v.done_at AS TIMESTAMP WITH TIME ZONE), token = NULL "
            + "FROM unnest(?::text[], ?::bigint[], ?::integer[], ?::text[], ?::bigint[], ?::text[]) "
            + "AS v(name, amount, delta, done_at, id, token) WHERE p.id = v.id AND p.token = v.token";

    SingleConnectionDataSource dataSource;

    JdbcTemplate jdbc;

    @BeforeEach
    void probeTable() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(),
                "unnest(?::type[]) is PostgreSQL's: runs in the PostgreSQL run");
        Connection connection = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER,
                TestDatabase.POSTGRES_PASSWORD);
        dataSource = new SingleConnectionDataSource(connection, true);
        jdbc = new JdbcTemplate(dataSource);
        // a zone far from UTC: an instant sent as text must not be read as local time
        jdbc.execute("SET TIME ZONE 'Pacific/Auckland'");
        jdbc.execute("CREATE TEMPORARY TABLE unnest_probe (id BIGINT PRIMARY KEY, token TEXT, name TEXT, "
                + "amount BIGINT, tries INT NOT NULL, done_at TIMESTAMP WITH TIME ZONE)");
        jdbc.update("INSERT INTO unnest_probe (id, token, name, amount, tries, done_at) VALUES "
                + "(1, 't1', 'one', 10, 1, NULL), (2, 't2', 'two', 20, 1, NULL), "
                + "(3, 't3', 'three', 30, 1, TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00Z'), "
                + "(4, 't4', 'four', 40, 1, NULL)");
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.destroy(); // the temporary table goes with the connection
        }
    }

    @Test
    void anUpdateFromUnnestWritesEachRowItsOwnValues() {
        // microseconds, as PostgreSQL keeps them
        Instant at = Instant.parse("2026-03-29T01:30:00.123456Z");
        long big = 9_000_000_000L; // beyond int
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] { "uno", big, 2, Timestamp.from(at), 1L, "t1" });
        // nulls overwrite
        rows.add(new Object[] { null, null, 0, null, 3L, "t3" });
        // a token the row does not hold
        rows.add(new Object[] { "zwei", 22L, 5, Timestamp.from(at), 2L, "stale" });
        // no such row
        rows.add(new Object[] { "nobody", 1L, 1, null, 99L, "t1" });

        int updated = jdbc.update(Unnest.of(UPDATE, rows, "text", "bigint", "integer", "text", "bigint", "text"));

        assertThat(updated).isEqualTo(2);
        Map<String, Object> one = row(1);
        assertThat(one.get("name")).isEqualTo("uno");
        assertThat(one.get("amount")).isEqualTo(big);
        assertThat(one.get("tries")).isEqualTo(3);
        assertThat(((Timestamp) one.get("done_at")).toInstant()).isEqualTo(at);
        assertThat(one.get("token")).isNull();
        assertThat(jdbc.queryForObject("SELECT to_char(done_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') "
                + "FROM unnest_probe WHERE id = 1", String.class))
            .isEqualTo("2026-03-29 01:30:00.123456");
        Map<String, Object> three = row(3);
        assertThat(three.get("name")).isNull();
        assertThat(three.get("amount")).isNull();
        assertThat(three.get("done_at")).isNull();
        assertThat(three.get("tries")).isEqualTo(1);
        // the row under another claim and the one not named are left alone
        assertThat(row(2)).containsEntry("name", "two").containsEntry("amount", 20L).containsEntry("token", "t2");
        assertThat(row(4)).containsEntry("name", "four").containsEntry("token", "t4");
    }

    @Test
    void aReturningUpdateReportsTheRowsItChanged() {
        List<Object[]> rows = List.of(new Object[] { "a", 1L, 0, null, 2L, "t2" },
                new Object[] { "b", 2L, 0, null, 4L, "t4" }, new Object[] { "c", 3L, 0, null, 1L, "other" });

        List<Long> changed = jdbc.query(
                Unnest.of(UPDATE + " RETURNING p.id", rows, "text", "bigint", "integer", "text", "bigint", "text"),
                (rs, i) -> rs.getLong(1));

        assertThat(changed).containsExactlyInAnyOrder(2L, 4L);
    }

    @Test
    void noRowsBindEmptyArraysAndChangeNothing() {
        assertThat(jdbc.update(Unnest.of(UPDATE, List.of(), "text", "bigint", "integer", "text", "bigint", "text")))
            .isZero();
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap("SELECT name, amount, tries, done_at, token FROM unnest_probe WHERE id = ?", id);
    }

}
