package lux.testsupport;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import lux.config.CoreDefaults;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context at the database this JVM tests: an in-memory H2 (default) or,
 * when the system property {@code lux.test.db=postgres} is set (the Maven "postgres-test"
 * execution), a fresh schema on the machine's PostgreSQL that is dropped when the JVM
 * exits. One database per JVM, shared by its contexts.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String POSTGRES_URL = env("LUX_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    public static final String POSTGRES_USER = env("LUX_TEST_POSTGRES_USER", "postgres");

    public static final String POSTGRES_PASSWORD = env("LUX_TEST_POSTGRES_PASSWORD", "");

    private static final String RUN_ID = ManagementFactory.getRuntimeMXBean().getPid() + "_"
            + UUID.randomUUID().toString().substring(0, 8);

    private static final String H2_URL = "jdbc:h2:mem:lux_" + RUN_ID + CoreDefaults.H2_OPTIONS + ";DB_CLOSE_DELAY=-1";

    private static final String SCHEMA = "lux_test_" + RUN_ID;

    private static volatile boolean dropHookInstalled;

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("lux.test.db"));
    }

    public static String name() {
        return postgres() ? "PostgreSQL" : "H2";
    }

    /**
     * JDBC settings of this JVM's test database, for tests that start a second LUX
     * instance or the packaged app.
     */
    public static Map<String, Object> properties() {
        if (!postgres()) {
            return Map.of("spring.datasource.url", H2_URL, "spring.datasource.username", "sa",
                    "spring.datasource.password", "");
        }
        installDropHook();
        String separator = POSTGRES_URL.contains("?") ? "&" : "?";
        return Map.of("spring.datasource.url", POSTGRES_URL + separator + "currentSchema=" + SCHEMA,
                "spring.datasource.username", POSTGRES_USER, "spring.datasource.password", POSTGRES_PASSWORD,
                "spring.flyway.schemas", SCHEMA, "spring.flyway.default-schema", SCHEMA,
                "spring.jpa.properties.hibernate.default_schema", SCHEMA);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("luxTestDatabase", properties()));
        // Test contexts stay cached and share this JVM's database: a background delivery
        // scheduler in one of them
        // would take recipients from another test's campaign. Tests that want it set
        // lux.delivery.enabled=true.
        // Cached contexts each keep a pool open; small pools keep a whole module's run
        // under PostgreSQL's 100 clients.
        MapPropertySource testDefaults = new MapPropertySource("luxTestDefaults",
                Map.of("lux.delivery.enabled", "false",
                        // most tests schedule mail without a postal address; the
                        // pre-flight tests turn the rule on
                        "lux.preflight.require-postal-address", "false", "spring.datasource.hikari.maximum-pool-size",
                        "4", "spring.datasource.hikari.minimum-idle", "1",
                        // connections a cached context no longer uses go back soon
                        "spring.datasource.hikari.idle-timeout", "10000"));
        var sources = context.getEnvironment().getPropertySources();
        if (sources.contains("luxCoreDefaults")) {
            sources.addBefore("luxCoreDefaults", testDefaults); // above core's defaults,
                                                                // below everything a test
                                                                // sets
        }
        else {
            sources.addLast(testDefaults);
        }
    }

    private static synchronized void installDropHook() {
        if (dropHookInstalled) {
            return;
        }
        dropHookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            catch (SQLException e) {
                System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
            }
        }));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

}
