package lux.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults that make core run anywhere without configuration: an H2 file database under
 * ./data in PostgreSQL mode (Boot's own "sa" default user applies to it; a PostgreSQL URL
 * brings its own credentials), schema owned by Flyway, and a pool that validates
 * connections so a restarted PostgreSQL is reconnected. Lowest precedence: any property,
 * env var or profile overrides them.
 */
public class CoreDefaults implements EnvironmentPostProcessor {

    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.datasource.url", "jdbc:h2:file:./data/lux" + H2_OPTIONS);
        defaults.put("spring.datasource.hikari.pool-name", "lux");
        defaults.put("spring.datasource.hikari.maximum-pool-size", "10");
        defaults.put("spring.datasource.hikari.connection-timeout", "10000");
        defaults.put("spring.datasource.hikari.validation-timeout", "3000");
        defaults.put("spring.datasource.hikari.keepalive-time", "60000");
        defaults.put("spring.datasource.hikari.max-lifetime", "1800000");
        defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
        defaults.put("spring.jpa.open-in-view", "false");
        defaults.put("spring.jpa.properties.hibernate.jdbc.batch_size", "500");
        defaults.put("spring.jpa.properties.hibernate.order_inserts", "true");
        defaults.put("spring.jpa.properties.hibernate.order_updates", "true");
        defaults.put("spring.flyway.locations", "classpath:db/migration");
        environment.getPropertySources().addLast(new MapPropertySource("luxCoreDefaults", defaults));
    }

}
