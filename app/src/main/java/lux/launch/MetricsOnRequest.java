package lux.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Leaves out Micrometer's metrics and observation auto-configurations unless something
 * asks for metrics, decided at every start from the configuration: the {@code metrics} or
 * {@code prometheus} endpoint (or {@code *}) in
 * {@code management.endpoints.web.exposure.include} or
 * {@code management.endpoints.jmx.exposure.include}, or {@code lux.metrics.enabled=true}
 * (for a metrics registry that pushes without an endpoint). LUX's own code records no
 * metrics and exposes only {@code health} by default, so every start would otherwise
 * build meter registries, JVM, Tomcat, Hikari, Hibernate and executor binders and the
 * observation of every request for no reader (docs/benchmarks.md "Start-up").
 * {@code lux.metrics.enabled=false} leaves them out even when exposed.
 */
public class MetricsOnRequest implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final Set<String> METRICS_ENDPOINTS = Set.of("*", "metrics", "prometheus");

    private static final String[] PACKAGES = { "org.springframework.boot.actuate.autoconfigure.metrics.",
            "org.springframework.boot.actuate.autoconfigure.observation." };

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean wanted = metricsWanted(this.environment);
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            match[i] = wanted || !isMetrics(autoConfigurationClasses[i]);
        }
        return match;
    }

    static boolean metricsWanted(Environment environment) {
        Boolean explicit = environment.getProperty("lux.metrics.enabled", Boolean.class);
        if (explicit != null) {
            return explicit;
        }
        return exposed(environment, "management.endpoints.web.exposure.include")
                || exposed(environment, "management.endpoints.jmx.exposure.include");
    }

    /**
     * The property as a comma-separated value or as a YAML list ({@code [0]},
     * {@code [1]}...). Read through the environment, not a Binder: a Binder this early
     * maps every property name of every source (4% of the main thread's start).
     */
    private static boolean exposed(Environment environment, String property) {
        List<String> ids = new ArrayList<>();
        String value = environment.getProperty(property);
        if (value != null) {
            ids.addAll(StringUtils.commaDelimitedListToSet(value));
        }
        for (int i = 0; (value = environment.getProperty(property + "[" + i + "]")) != null; i++) {
            ids.addAll(StringUtils.commaDelimitedListToSet(value));
        }
        return ids.stream().map(id -> id.trim().toLowerCase(Locale.ROOT)).anyMatch(METRICS_ENDPOINTS::contains);
    }

    private static boolean isMetrics(String autoConfiguration) {
        if (autoConfiguration == null) {
            return false;
        }
        for (String prefix : PACKAGES) {
            if (autoConfiguration.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

}
