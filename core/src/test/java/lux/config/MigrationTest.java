package lux.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lux.testsupport.CoreTestApplication;
import lux.testsupport.DatabaseTest;
import lux.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same scripts migrate H2 and PostgreSQL, and Hibernate's validation of the mapping
 * passed to get here.
 */
@DatabaseTest
@SpringBootTest(classes = CoreTestApplication.class)
class MigrationTest {

    @Autowired
    Flyway flyway;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void allMigrationsAppliedAndIndexesExist() {
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).hasSizeGreaterThanOrEqualTo(7);
        List<String> indexes = jdbc.queryForList(
                TestDatabase.postgres() ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                        : "SELECT index_name FROM information_schema.indexes WHERE table_schema = 'public'",
                String.class);
        assertThat(indexes).contains("ix_campaign_due", "ix_campaign_recipient_claim", "ix_contact_tag_tag",
                "ix_tracking_event_recipient", "ix_contact_status");
        // V21, V22, V62: a stored hit pays for no campaign index and no key check (stats
        // read rollups; the writer checks recipients)
        assertThat(indexes).doesNotContain("ix_tracking_event_campaign");
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.table_constraints WHERE LOWER(table_name) = 'tracking_event' "
                        + "AND constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA",
                Long.class))
            .isZero();
    }

    /**
     * PostgreSQL checks a foreign key on delete by looking up the referencing rows; with
     * no index that is a full scan per deleted row (an A/B test's test share took
     * minutes). Only the small, rarely deleted parents may go without.
     */
    @Test
    void everyForeignKeyToAGrowingTableIsIndexed() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "H2 indexes every foreign key by itself");
        List<String> unindexed = jdbc.queryForList("""
                SELECT c.conrelid::regclass || '.' || c.conname FROM pg_constraint c
                JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE c.contype = 'f' AND n.nspname = current_schema()
                AND c.confrelid::regclass::text NOT IN ('app_user', 'email_template', 'consent_text')
                AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                    AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                    AND c.conkey @> (i.indkey::int2[])[0:cardinality(c.conkey) - 1])
                """, String.class);
        assertThat(unindexed).isEmpty();
    }

    @Test
    void emailUniquenessHoldsInTheDatabaseToo() {
        jdbc.update("DELETE FROM contact WHERE email LIKE 'uniq%'");
        jdbc.update(
                "INSERT INTO contact (email, status, created_at, updated_at) VALUES ('uniq@example.com', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO contact (email, status, created_at, updated_at) VALUES ('UNIQ@example.com', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
            .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        jdbc.update("DELETE FROM contact WHERE email LIKE 'uniq%'");
    }

}
