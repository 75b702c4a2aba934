package lux.launch;

import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Stops a {@code prod} start before any bean, connection or port exists when
 * {@link ProductionSettings} finds problems. It listens for the prepared environment
 * rather than being a post-processor so it runs after all of them (config files,
 * profiles, core's H2 default) and after logging is set up to print the report.
 */
public class ProductionReadiness implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    public static final String PROFILE = "prod";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> problems = ProductionSettings.problems(environment);
        if (!problems.isEmpty()) {
            throw new ProductionSettingsMissingException(problems);
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

}
