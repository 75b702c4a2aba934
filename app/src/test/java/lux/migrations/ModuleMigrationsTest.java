package lux.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import lux.LuxApplication;
import lux.config.CoreDefaults;
import lux.testsupport.DatabaseTest;
import lux.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Each module brings its own migrations (core db/migration, bot db/bot, console db/admin)
 * into one Flyway history. The scripts that moved out of core kept their versions and
 * checksums: a database of an earlier release, migrated when they were all core's,
 * upgrades with them where they are now.
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
            .contains("classpath:db/migration", "classpath:db/bot", "classpath:db/admin");
        assertThat(Arrays.stream(flyway.info().applied())
            .filter(m -> m.getVersion() != null)
            .map(m -> m.getVersion().getVersion())).contains("42", "68", "76");
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
