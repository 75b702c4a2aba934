package lux.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import lux.testsupport.DatabaseTest;
import lux.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of an earlier release upgrades: migrated to V61 (the last version before the
 * third session), given data, then migrated to the latest; and what the later migrations
 * carry over. Flyway refuses to start on a database that lacks a migration numbered below
 * its newest applied one, so new migrations go above the highest released version: the
 * list of those up to V61 is pinned here.
 */
@DatabaseTest
class MigrationUpgradeTest {

    final String name = "lux_upgrade_" + UUID.randomUUID().toString().substring(0, 8);

    final DriverManagerDataSource dataSource = TestDatabase.postgres()
            ? new DriverManagerDataSource(TestDatabase.POSTGRES_URL
                    + (TestDatabase.POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + name,
                    TestDatabase.POSTGRES_USER, TestDatabase.POSTGRES_PASSWORD)
            : new DriverManagerDataSource("jdbc:h2:mem:" + name + CoreDefaults.H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa",
                    "");

    Flyway flyway(String target) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (TestDatabase.postgres()) {
            config.schemas(name).defaultSchema(name);
        }
        return (target == null ? config : config.target(target)).load();
    }

    @AfterEach
    void drop() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(TestDatabase.postgres() ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP ALL OBJECTS");
        }
    }

    @Test
    void aDatabaseAtV61UpgradesAndKeepsTodaysMailboxCounts() {
        flyway("61").migrate();
        assertThat(java.util.Arrays.stream(flyway("61").info().applied())
            .filter(m -> m.getVersion() != null)
            .map(m -> m.getVersion().getVersion())
            .toList())
            .as("the migrations released up to V61; a new one must be numbered above the highest released version, "
                    + "or databases that have V61 refuse to start")
            // V41 is the agent's now (tools db/agent) and V42 the bot's (db/bot); app's
            // ModuleMigrationsTest pins the list across every module's location
            .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "20", "21", "22", "28", "40", "60",
                    "61");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update(
                "INSERT INTO mailbox_limit (mailbox, quota_day, quota_used) VALUES ('news@contoso.test', CURRENT_DATE, 42)");
        jdbc.update(
                "INSERT INTO mailbox_limit (mailbox, quota_day, quota_used) VALUES ('old@contoso.test', DATE '2020-01-01', 9000)");

        assertThat(flyway(null).migrate().migrationsExecuted).isGreaterThanOrEqualTo(2);

        // today's count carries over as sent now, so it still holds the mailbox back for
        // a day; a stale day's does not
        assertThat(jdbc.queryForList("SELECT mailbox || ':' || used FROM mailbox_hour", String.class))
            .containsExactly("news@contoso.test:42");
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.table_constraints WHERE LOWER(table_name) = 'tracking_event' "
                        + "AND constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA",
                Long.class))
            .isZero();
        assertThat(flyway(null).info().pending()).isEmpty();
    }

    /**
     * V67: tokens get their creator as owner and an expiry; a MARKETER token an admin
     * made is revoked, not widened.
     */
    @Test
    void existingApiTokensGetAnOwnerAndAnExpiryAndNoneActsWiderThanBefore() {
        flyway("63").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO app_user (id, email, display_name, role, created_at) VALUES "
                + "(1, 'ada@lux.test', 'Ada', 'ADMIN', CURRENT_TIMESTAMP), (2, 'mark@lux.test', 'Mark', 'MARKETER', CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO api_token (name, token_hash, token_prefix, role, created_by, created_at) VALUES "
                + "('admin script', 'h1', 'lux_1', 'ADMIN', 1, CURRENT_TIMESTAMP), "
                + "('marketing script', 'h2', 'lux_2', 'MARKETER', 1, CURRENT_TIMESTAMP), "
                + "('demoted', 'h3', 'lux_3', 'ADMIN', 2, CURRENT_TIMESTAMP)");

        flyway(null).migrate();

        assertThat(
                jdbc.queryForList("SELECT name || ':' || owner_id || ':' || (CASE WHEN revoked_at IS NULL THEN 'works' "
                        + "ELSE 'revoked' END) FROM api_token ORDER BY name", String.class))
            .containsExactly("admin script:1:works", "demoted:2:works", "marketing script:1:revoked");
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM api_token WHERE expires_at > CURRENT_TIMESTAMP + INTERVAL '89' DAY", Long.class))
            .isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT credentials_version FROM app_user", Long.class)).containsOnly(0L);
    }

    @Test
    void campaignsScheduledBeforeV64KeepTheirTemplateAsItWasAtTheUpgrade() {
        flyway("63").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO email_template (id, name, subject, html_body, created_at, updated_at) "
                + "VALUES (7, 'Offer', 'Our offer', '<p>Ten percent</p>', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO campaign (name, template_id, audience, status, created_at, updated_at) "
                + "VALUES ('Scheduled', 7, '{}', 'SCHEDULED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO campaign (name, template_id, audience, status, created_at, updated_at) "
                + "VALUES ('Draft', 7, '{}', 'DRAFT', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

        flyway(null).migrate();

        assertThat(jdbc.queryForList(
                "SELECT name || ':' || COALESCE(send_subject, '-') || ':' || COALESCE(send_html, '-') FROM campaign "
                        + "ORDER BY name",
                String.class))
            .containsExactly("Draft:-:-", "Scheduled:Our offer:<p>Ten percent</p>");
    }

    /**
     * V132: an enrolment a stopped instance left RUNNING stays held by its claim, now
     * WAITING under the token with a lease row per claim (its time and due range), and
     * the lease index is gone.
     */
    @Test
    void enrolmentsLeftRunningKeepTheirClaimAsALeaseRow() {
        flyway("131").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO journey (id, name, status, trigger_kind, trigger_tag, created_at, updated_at) "
                + "VALUES (1, 'Trial', 'ACTIVE', 'TAG_ADDED', 'trial', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO contact (id, email, status, created_at, updated_at) VALUES "
                + "(1, 'a@lux.test', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
                + "(2, 'b@lux.test', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
                + "(3, 'c@lux.test', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO journey_enrolment (journey_id, version, contact_id, status, next_run_at, claim_token, "
                + "claimed_at, enrolled_at) VALUES "
                + "(1, 1, 1, 'RUNNING', TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00:00', 'dead', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-30 09:05:00+00:00', CURRENT_TIMESTAMP), "
                + "(1, 1, 2, 'RUNNING', TIMESTAMP WITH TIME ZONE '2026-11-30 09:01:00+00:00', 'dead', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-30 09:05:00+00:00', CURRENT_TIMESTAMP), "
                + "(1, 1, 3, 'WAITING', TIMESTAMP WITH TIME ZONE '2026-12-07 09:00:00+00:00', NULL, NULL, "
                + "CURRENT_TIMESTAMP)");

        flyway(null).migrate();

        assertThat(jdbc.queryForList("SELECT contact_id || ':' || status || ':' || COALESCE(claim_token, '-') "
                + "FROM journey_enrolment ORDER BY contact_id", String.class))
            .containsExactly("1:WAITING:dead", "2:WAITING:dead", "3:WAITING:-");
        assertThat(jdbc.queryForList("SELECT claim_token FROM journey_claim", String.class)).containsExactly("dead");
        assertThat(jdbc.queryForObject("SELECT claimed_at FROM journey_claim", java.sql.Timestamp.class).toInstant())
            .isEqualTo(java.time.Instant.parse("2026-11-30T09:05:00Z"));
        assertThat(jdbc.queryForObject("SELECT first_due FROM journey_claim", java.sql.Timestamp.class).toInstant())
            .isEqualTo(java.time.Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(jdbc.queryForObject("SELECT last_due FROM journey_claim", java.sql.Timestamp.class).toInstant())
            .isEqualTo(java.time.Instant.parse("2026-11-30T09:01:00Z"));
        if (TestDatabase.postgres()) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = CURRENT_SCHEMA "
                    + "AND indexname = 'ix_journey_enrolment_lease'", Long.class))
                .isZero();
            assertThat(jdbc.queryForObject(
                    "SELECT array_to_string(reloptions, ',') FROM pg_class "
                            + "WHERE relname = 'journey_enrolment' AND relnamespace = CURRENT_SCHEMA::regnamespace",
                    String.class))
                .isEqualTo("fillfactor=50");
        }
        else {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.indexes "
                    + "WHERE table_schema = CURRENT_SCHEMA AND LOWER(index_name) = 'ix_journey_enrolment_lease'",
                    Long.class))
                .isZero();
        }
    }

    /**
     * V133: tag links and ledger rows carry over; on PostgreSQL contact_tag's foreign
     * keys give way to statement-level triggers that keep the same rules, and the
     * ledger's address index is a hash index; H2 keeps its foreign keys.
     */
    @Test
    void tagLinksKeepTheirRulesAndTheLedgerItsLookupAfterV133() {
        flyway("132").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO contact (id, email, status, created_at, updated_at) VALUES "
                + "(1, 'a@lux.test', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP), "
                + "(2, 'b@lux.test', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO tag (id, name, created_at) VALUES (1, 'vip', CURRENT_TIMESTAMP), "
                + "(2, 'news', CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) VALUES (1, 1), (1, 2), (2, 1)");
        jdbc.update("INSERT INTO consent_event (occurred_at, email_hash, contact_id, kind, channel, actor) VALUES "
                + "(CURRENT_TIMESTAMP, 'h1', 1, 'IMPORT', 'import', 'x'), "
                + "(CURRENT_TIMESTAMP, 'h2', 2, 'IMPORT', 'import', 'x'), "
                + "(CURRENT_TIMESTAMP, 'h1', 1, 'UNSUBSCRIBE', 'email', 'x')");

        flyway(null).migrate();

        assertThat(jdbc.queryForList("SELECT contact_id || ':' || tag_id FROM contact_tag ORDER BY 1", String.class))
            .containsExactly("1:1", "1:2", "2:1");
        assertThat(
                jdbc.queryForList("SELECT kind FROM consent_event WHERE email_hash = 'h1' ORDER BY id", String.class))
            .containsExactly("IMPORT", "UNSUBSCRIBE");
        jdbc.update("DELETE FROM contact WHERE id = 1");
        jdbc.update("DELETE FROM tag WHERE id = 2");
        assertThat(jdbc.queryForList("SELECT contact_id || ':' || tag_id FROM contact_tag", String.class))
            .containsExactly("2:1");
        org.assertj.core.api.Assertions
            .assertThatThrownBy(() -> jdbc.update("INSERT INTO contact_tag (contact_id, tag_id) VALUES (1, 1)"))
            .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.table_constraints WHERE LOWER(table_name) = 'contact_tag' "
                        + "AND constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA",
                Long.class))
            .isEqualTo(TestDatabase.postgres() ? 0L : 2L);
        if (TestDatabase.postgres()) {
            assertThat(jdbc.queryForObject("SELECT am.amname FROM pg_class i JOIN pg_am am ON am.oid = i.relam "
                    + "WHERE i.relname = 'ix_consent_event_email' AND i.relnamespace = CURRENT_SCHEMA::regnamespace",
                    String.class))
                .isEqualTo("hash");
        }
    }

    /**
     * V134: the due order moves to journey_due (a row for each unclaimed waiting
     * enrolment, none for one a claim holds or one that is done), a claim in flight gets
     * the list of its enrolments in its lease row, the due index goes, and
     * journey_step_run keeps only its key to the enrolment.
     */
    @Test
    void enrolmentsInFlightGetTheirDueRowsAndClaimsTheirListOfEnrolments() throws Exception {
        flyway("132").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO journey (id, name, status, trigger_kind, trigger_tag, created_at, updated_at) "
                + "VALUES (1, 'Trial', 'ACTIVE', 'TAG_ADDED', 'trial', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO journey_step (id, journey_id, version, position, kind) VALUES (1, 1, 1, 0, 'WAIT')");
        for (int i = 1; i <= 5; i++) {
            jdbc.update("INSERT INTO contact (id, email, status, created_at, updated_at) VALUES "
                    + "(?, ?, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", i, i + "@lux.test");
        }
        jdbc.update("INSERT INTO journey_enrolment (id, journey_id, version, contact_id, status, next_run_at, "
                + "claim_token, claimed_at, enrolled_at) VALUES "
                + "(11, 1, 1, 1, 'WAITING', TIMESTAMP WITH TIME ZONE '2026-12-07 09:00:00+00:00', NULL, NULL, "
                + "CURRENT_TIMESTAMP), "
                + "(12, 1, 1, 2, 'WAITING', TIMESTAMP WITH TIME ZONE '2026-11-30 09:01:00+00:00', 'dead', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-30 09:05:00+00:00', CURRENT_TIMESTAMP), "
                + "(13, 1, 1, 3, 'WAITING', TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00:00', 'dead', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-30 09:05:00+00:00', CURRENT_TIMESTAMP), "
                + "(14, 1, 1, 4, 'DONE', NULL, NULL, NULL, CURRENT_TIMESTAMP), "
                + "(15, 1, 1, 5, 'EXCLUDED', TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00:00', NULL, NULL, "
                + "CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO journey_claim (claim_token, claimed_at, first_due, last_due) VALUES ('dead', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-30 09:05:00+00:00', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00:00', "
                + "TIMESTAMP WITH TIME ZONE '2026-11-30 09:01:00+00:00')");
        jdbc.update("INSERT INTO journey_step_run (enrolment_id, step_id, outcome, ran_at) "
                + "VALUES (14, 1, 'DONE', CURRENT_TIMESTAMP)");

        flyway(null).migrate();

        assertThat(jdbc.queryForList("SELECT enrolment_id FROM journey_due", Long.class)).containsExactly(11L);
        assertThat(jdbc.queryForObject("SELECT next_run_at FROM journey_due", java.sql.Timestamp.class).toInstant())
            .isEqualTo(java.time.Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(jdbc.queryForList("SELECT enrolment_ids FROM journey_claim", String.class)).containsExactly("12,13");
        // the run rows keep their key to the enrolment only: a step id no longer has to
        // exist (nor a recipient row), and the index that served the recipient key is
        // gone
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM information_schema.table_constraints WHERE LOWER(table_name) = 'journey_step_run' "
                        + "AND constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA",
                Long.class))
            .isEqualTo(1);
        jdbc.update("INSERT INTO journey_step_run (enrolment_id, step_id, outcome, recipient_id, ran_at) "
                + "VALUES (14, 999, 'SENT', 999, CURRENT_TIMESTAMP)");
        try (Connection c = dataSource.getConnection();
                java.sql.ResultSet rs = c.getMetaData()
                    .getIndexInfo(null, c.getSchema(), "journey_enrolment", false, false)) {
            java.util.Set<String> indexes = new java.util.HashSet<>();
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    indexes.add(rs.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertThat(indexes).isNotEmpty().doesNotContain("ix_journey_enrolment_due");
        }
        try (Connection c = dataSource.getConnection();
                java.sql.ResultSet rs = c.getMetaData()
                    .getIndexInfo(null, c.getSchema(), "journey_step_run", false, false)) {
            java.util.Set<String> indexes = new java.util.HashSet<>();
            while (rs.next()) {
                if (rs.getString("INDEX_NAME") != null) {
                    indexes.add(rs.getString("INDEX_NAME").toLowerCase(java.util.Locale.ROOT));
                }
            }
            assertThat(indexes).contains("ix_journey_step_run_step").doesNotContain("ix_journey_step_run_recipient");
        }
    }

}
