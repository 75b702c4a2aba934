package lux.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseCleaner;
import lux.testsupport.DatabaseTest;
import lux.testsupport.PostgresWaits;
import lux.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An address someone else stores while an import writes is theirs: the import skips it
 * and writes the rest of its batch, with tags and consent ledger rows (PostgreSQL, where
 * an import writes on two connections at once). Staged for real: another transaction
 * holds an uncommitted contact with an address of the file, the import's insert waits for
 * it, and it commits: the import's plain insert meets the unique index, is undone and
 * made again around that address.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class, properties = { "lux.delivery.enabled=false",
        "spring.datasource.hikari.maximum-pool-size=5", ContactImportTest.SPOOL })
class ImportRaceTest {

    private static final String FILE = "email,first_name\nfirst@example.com,First\nrace@example.com,FromFile\n"
            + "last@example.com,Last\n";

    @Autowired
    ContactImportService imports;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        DatabaseCleaner.clean(jdbc);
    }

    @Test
    void anAddressStoredMeanwhileBySomeoneElseIsSkippedAndTheRestImported() throws Exception {
        assumeTrue(TestDatabase.postgres(), "H2 waits for the lock differently; the race is PostgreSQL's");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("INSERT INTO contact (email, first_name, attributes, status, created_at, updated_at) "
                        + "VALUES ('race@example.com', 'Other', '{}', 'ACTIVE', now(), now())");
            }
            long otherXid = PostgresWaits.xid(other);
            CompletableFuture<ImportJob> running = CompletableFuture.supplyAsync(() -> imports
                .importNow(new ImportRequest("race.csv", ImportSource.of(FILE.getBytes(StandardCharsets.UTF_8)),
                        Set.of("autumn"), ImportMode.ADD_NEW_ONLY), ImportPathsTest.MIA));
            PostgresWaits.awaitWaitingFor(jdbc, otherXid, "the import's insert");
            other.commit();
            ImportJob job = running.get(60, TimeUnit.SECONDS);

            assertThat(job.status()).isEqualTo(ImportStatus.FINISHED);
            assertThat(List.of(job.rowsDone(), job.created(), job.skipped())).containsExactly(3L, 2L, 1L);
        }
        assertThat(jdbc.queryForList("SELECT c.email || ':' || c.first_name || ':' || coalesce(t.name, '-') "
                + "FROM contact c LEFT JOIN contact_tag ct ON ct.contact_id = c.id LEFT JOIN tag t ON t.id = ct.tag_id "
                + "ORDER BY c.email", String.class))
            .containsExactly("first@example.com:First:autumn", "last@example.com:Last:autumn",
                    "race@example.com:Other:-");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_event WHERE kind = 'IMPORT'", Long.class))
            .isEqualTo(2L);
    }

}
