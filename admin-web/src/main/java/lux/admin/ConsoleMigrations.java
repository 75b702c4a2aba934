package lux.admin;

import lux.config.ModuleMigrations;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console's own tables (failed sign-ins, shared by every instance) are created by its
 * migrations in db/admin, with the version and checksum they were released with in core,
 * so existing databases upgrade unchanged.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleMigrations {

    static final String LOCATION = "classpath:db/admin";

    @Bean
    FlywayConfigurationCustomizer consoleMigrationLocation() {
        return ModuleMigrations.at(LOCATION);
    }

}
