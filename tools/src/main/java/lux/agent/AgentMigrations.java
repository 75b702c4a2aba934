package lux.agent;

import lux.config.ModuleMigrations;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent's tables (chat memory, confirmations, model usage) are created by the agent's
 * own migrations in db/agent. V41 and V109 keep the versions and checksums they were
 * released with in core; what core's V61 and V64 did to the confirmation table is V126
 * here (see core's SplitMigrationChecksums), so databases of earlier releases upgrade.
 */
@Configuration(proxyBeanMethods = false)
class AgentMigrations {

    static final String LOCATION = "classpath:db/agent";

    @Bean
    FlywayConfigurationCustomizer agentMigrationLocation() {
        return ModuleMigrations.at(LOCATION);
    }

}
