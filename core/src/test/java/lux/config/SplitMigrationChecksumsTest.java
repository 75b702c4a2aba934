package lux.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The checksum callback on an H2 database in its default mode (upper-case names, as
 * run.sh's training run uses): Flyway's history columns are quoted lower-case there.
 */
class SplitMigrationChecksumsTest {

    final DriverManagerDataSource dataSource = new DriverManagerDataSource(
            "jdbc:h2:mem:split_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1", "sa", "");

    Flyway flyway() {
        return Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .callbacks(new SplitMigrationChecksums())
            .load();
    }

    @Test
    void aNewDatabaseMigratesAndOneWithTheReleasedChecksumsValidates() {
        assertThat(flyway().migrate().success).isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("UPDATE \"flyway_schema_history\" SET \"checksum\" = -2101591294 WHERE \"version\" = '61'");

        flyway().migrate();
        flyway().validate();

        assertThat(jdbc.queryForObject("SELECT \"checksum\" FROM \"flyway_schema_history\" WHERE \"version\" = '61'",
                Integer.class))
            .isEqualTo(1582818154);
    }

}
