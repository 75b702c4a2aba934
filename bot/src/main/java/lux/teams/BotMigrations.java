package lux.teams;

import lux.config.ModuleMigrations;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bot's tables (conversation references, progress cards, uploads, welcomes) are
 * created by the bot's own migrations in db/bot. They keep the version numbers and
 * checksums they were released with in core, so databases that ran them from core's
 * folder upgrade unchanged.
 */
@Configuration(proxyBeanMethods = false)
class BotMigrations {

    static final String LOCATION = "classpath:db/bot";

    @Bean
    FlywayConfigurationCustomizer botMigrationLocation() {
        return ModuleMigrations.at(LOCATION);
    }

}
