package lux.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import lux.LuxApplication;
import lux.config.CoreDefaults;
import lux.testsupport.DatabaseTest;
import lux.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Each module brings its own migrations (core db/migration, agent db/agent, bot db/bot,
 * console db/admin) into one Flyway history. The scripts that moved out of core kept
 * their versions and checksums: a database of an earlier release, migrated when they were
 * all core's, upgrades with them where they are now. Core's V61 and V64 lost their
 * statements on the agent's table to the agent's V126; databases that ran them as
 * released upgrade too.
 */
@DatabaseTest
@SpringBootTest(classes = LuxApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lux.delivery.enabled=false", "lux.delivery.limits.enabled=false" })
class ModuleMigrationsTest {

    /**
     * The versions released up to V61, across every module; a new migration goes above
     * the highest released one.
     */
    static final List<String> RELEASED_TO_V61 = List.of("1", "2", "3", "4", "5", "6", "7", "8", "10", "11", "20", "21",
            "22", "28", "40", "41", "42", "60", "61");

    @Autowired
    Flyway flyway;

    final String name = "lux_modules_" + UUID.randomUUID().toString().substring(0, 8);

    final DriverManagerDataSource upgraded = TestDatabase.postgres()
            ? new DriverManagerDataSource(TestDatabase.POSTGRES_URL
                    + (TestDatabase.POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + name,
                    TestDatabase.POSTGRES_USER, TestDatabase.POSTGRES_PASSWORD)
            : new DriverManagerDataSource("jdbc:h2:mem:" + name + CoreDefaults.H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa",
                    "");

    @AfterEach
    void drop() throws Exception {
        try (Connection c = upgraded.getConnection(); Statement s = c.createStatement()) {
            s.execute(TestDatabase.postgres() ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP ALL OBJECTS");
        }
    }

    @Test
    void everyModuleContributesItsLocationAndTheBotsAndConsolesTablesExist() {
        assertThat(Arrays.stream(flyway.getConfiguration().getLocations()).map(Location::getDescriptor))
            .contains("classpath:db/migration", "classpath:db/agent", "classpath:db/bot", "classpath:db/admin");
        assertThat(Arrays.stream(flyway.info().applied())
            .filter(m -> m.getVersion() != null)
            .map(m -> m.getVersion().getVersion())).contains("41", "42", "68", "76", "109", "126");
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void aDatabaseOfAnEarlierReleaseUpgradesAcrossTheModulesLocations() {
        Flyway atV61 = like(flyway, "61");
        atV61.migrate();
        assertThat(Arrays.stream(atV61.info().applied())
            .filter(m -> m.getVersion() != null)
            .map(m -> m.getVersion().getVersion())).as("the migrations released up to V61, wherever they live now")
            .containsExactlyElementsOf(RELEASED_TO_V61);
        // the bot's conversation references were created at V42, between core's V41 and
        // V60
        new JdbcTemplate(upgraded).update("INSERT INTO app_user (id, email, display_name, role, created_at) "
                + "VALUES (1, 'ada@lux.test', 'Ada', 'ADMIN', CURRENT_TIMESTAMP)");
        new JdbcTemplate(upgraded)
            .update("INSERT INTO teams_conversation (conversation_id, user_id, reference, updated_at) "
                    + "VALUES ('a:1', 1, '{}', CURRENT_TIMESTAMP)");

        Flyway latest = like(flyway, null);
        latest.migrate();

        assertThat(latest.info().pending()).isEmpty();
        assertThat(Arrays.stream(latest.info().applied()).map(MigrationInfo::getScript)).contains(
                "V42__create_teams_conversations_and_cards.sql", "V68__create_login_failures.sql",
                "V76__teams_welcome_and_conversation_type.sql");
        // V76 (bot) altered the table V42 (bot) made: the reference is still there, with
        // its new column
        assertThat(new JdbcTemplate(upgraded).queryForList(
                "SELECT conversation_id || ':' || COALESCE(conversation_type, '-') " + "FROM teams_conversation",
                String.class))
            .containsExactly("a:1:-");
        latest.validate();
    }

    @Test
    void eachModulesTablesAreCreatedByItsOwnMigrationsOnly() throws Exception {
        var scripts = new PathMatchingResourcePatternResolver();
        for (String foreign : List.of("db/migration", "db/bot", "db/admin")) {
            for (Resource script : scripts.getResources("classpath*:" + foreign + "/*.sql")) {
                assertThat(script.getContentAsString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT))
                    .as("%s touches none of the agent's tables", script.getFilename())
                    .doesNotContain("chat_memory", "agent_confirmation", "ai_usage");
            }
        }
        assertThat(Arrays.stream(scripts.getResources("classpath*:db/agent/*.sql")).map(Resource::getFilename))
            .containsExactlyInAnyOrder("V41__create_agent_memory_confirmations_usage.sql",
                    "V109__confirm_contact_deletion.sql", "V111__confirm_ab_test_winner.sql",
                    "V114__confirm_journey.sql", "V126__agent_confirmation_bound_to_content.sql");
    }

    @Test
    void aDatabaseThatRanTheReleasedV61AndV64UpgradesWithTheAgentsOwnMigrations() {
        like(flyway, "109").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(upgraded);
        // what the released V61 and V64 did to the agent's table, and the checksums they
        // left
        jdbc.execute("ALTER TABLE agent_confirmation ADD COLUMN campaign_version BIGINT");
        jdbc.execute("ALTER TABLE agent_confirmation ADD COLUMN content_hash VARCHAR(64)");
        jdbc.execute("ALTER TABLE agent_confirmation ADD COLUMN note VARCHAR(1000)");
        jdbc.execute("CREATE INDEX ix_agent_confirmation_campaign ON agent_confirmation (campaign_id, used_at)");
        jdbc.update("UPDATE flyway_schema_history SET checksum = -2101591294 WHERE version = '61'");
        jdbc.update("UPDATE flyway_schema_history SET checksum = -1036390926 WHERE version = '64'");
        jdbc.update("INSERT INTO app_user (id, email, display_name, role, created_at) "
                + "VALUES (1, 'ada@lux.test', 'Ada', 'ADMIN', CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO agent_confirmation (nonce_hash, user_id, kind, expires_at, created_at, "
                + "content_hash, note) VALUES ('n1', 1, 'DELETE_CONTACTS', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                + "'h1', 'kept')");

        Flyway latest = like(flyway, null);
        latest.migrate();

        latest.validate();
        assertThat(latest.info().pending()).isEmpty();
        assertThat(jdbc.queryForList("SELECT content_hash || ':' || note FROM agent_confirmation", String.class))
            .containsExactly("h1:kept");
    }

    @Test
    void aV61ChangedInAnyOtherWayStillFailsValidation() {
        like(flyway, "126").migrate();
        new JdbcTemplate(upgraded).update("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '61'");

        assertThatThrownBy(() -> like(flyway, null).validate()).isInstanceOf(FlywayValidateException.class)
            .hasMessageContaining("61");
    }

    /**
     * The application's Flyway configuration (every module's location) over a database of
     * its own.
     */
    private Flyway like(Flyway application, String target) {
        var config = Flyway.configure().configuration(application.getConfiguration()).dataSource(upgraded);
        if (TestDatabase.postgres()) {
            config.schemas(name).defaultSchema(name);
        }
        return (target == null ? config : config.target(target)).load();
    }

}
