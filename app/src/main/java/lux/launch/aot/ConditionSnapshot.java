package lux.launch.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * What LUX's bean conditions saw when the build processed it ahead of time: the active
 * profiles, the cloud platform and each property they read. A start may use the
 * ahead-of-time bean definitions only when its own configuration gives the same facts.
 * Values are kept as SHA-256 digests: the file goes into the jar, and the build's
 * environment may hold secrets.
 */
record ConditionSnapshot(Map<String, String> facts) {

    static final String RESOURCE = "META-INF/lux/aot-conditions.properties";

    private static final String PROPERTY = "property.";

    /**
     * Properties whose only conditions ask less than their value, by the fact they ask
     * instead, so a start on another port or database keeps the build's answers:
     * {@link ManagementPortType} (does the management server have a port of its own?) and
     * Spring Boot's embedded-database condition (is a data source URL set?).
     */
    private static final Map<String, DerivedFact> DERIVED = Map.of("server.port", DerivedFact.MANAGEMENT_PORT,
            "management.server.port", DerivedFact.MANAGEMENT_PORT, "spring.datasource.url", DerivedFact.DATASOURCE_URL);

    /**
     * A derived fact and the one class whose reads of its properties it stands for:
     * another reader could ask more than the fact says, and the build then fails
     * ({@link ConditionSnapshotAotProcessor}).
     */
    private enum DerivedFact {

        MANAGEMENT_PORT("management-port", ManagementPortType.class.getName()) {
            @Override
            String of(Environment environment) {
                return ManagementPortType.get(environment).name();
            }
        },
        DATASOURCE_URL("datasource-url",
                "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration$EmbeddedDatabaseCondition") {
            @Override
            String of(Environment environment) {
                try {
                    return StringUtils.hasText(environment.getProperty("spring.datasource.url")) ? "set" : "unset";
                }
                catch (IllegalArgumentException unresolvable) {
                    return "unset"; // as the condition takes it
                }
            }
        };

        private final String key;

        private final String reader;

        DerivedFact(String key, String reader) {
            this.key = key;
            this.reader = reader;
        }

        abstract String of(Environment environment);

    }

    ConditionSnapshot {
        facts = new TreeMap<>(facts);
    }

    /** Whether the snapshot keeps {@code property} only as a derived fact. */
    static boolean isDerived(String property) {
        return DERIVED.containsKey(property);
    }

    /**
     * Whether the derived fact of {@code property} stands for a read by {@code reader}.
     */
    static boolean derivedFactCovers(String property, String reader) {
        return DERIVED.get(property).reader.equals(reader);
    }

    /** The facts of {@code environment} for these property names. */
    static ConditionSnapshot of(Environment environment, Iterable<String> propertyNames) {
        Map<String, String> facts = new TreeMap<>();
        facts.put("profiles", String.join(",", environment.getActiveProfiles()));
        CloudPlatform platform = CloudPlatform.getActive(environment);
        facts.put("cloud-platform", (platform != null) ? platform.name() : "none");
        for (String name : propertyNames) {
            DerivedFact derived = DERIVED.get(name);
            if (derived != null) {
                facts.put(derived.key, derived.of(environment));
            }
            else {
                facts.put(PROPERTY + name, digest(value(environment, name)));
            }
        }
        return new ConditionSnapshot(facts);
    }

    /** The facts of {@code environment} for the same property names as this snapshot. */
    ConditionSnapshot sameFactsOf(Environment environment) {
        List<String> names = new ArrayList<>();
        facts.keySet()
            .stream()
            .filter(key -> key.startsWith(PROPERTY))
            .map(key -> key.substring(PROPERTY.length()))
            .forEach(names::add);
        DERIVED.forEach((name, derived) -> {
            if (facts.containsKey(derived.key)) {
                names.add(name);
            }
        });
        return of(environment, names);
    }

    /** The facts that differ between this snapshot and {@code other}, by name. */
    List<String> differencesFrom(ConditionSnapshot other) {
        List<String> differ = new ArrayList<>();
        Set<String> keys = new TreeSet<>(facts.keySet());
        keys.addAll(other.facts.keySet());
        for (String key : keys) {
            if (!Objects.equals(facts.get(key), other.facts.get(key))) {
                differ.add(key.startsWith(PROPERTY) ? key.substring(PROPERTY.length()) : key);
            }
        }
        return differ;
    }

    /**
     * One sorted {@code key=value} line per fact, in properties syntax and without the
     * date {@link Properties#store} would add: the same build gives the same jar entry.
     */
    String toText() {
        StringBuilder text = new StringBuilder(
                "# What LUX's bean conditions saw when the jar was built (lux.launch.aot)\n");
        facts.forEach((key, value) -> text.append(escape(key)).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\:=#! ".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    static ConditionSnapshot parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> facts = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> facts.put(name, properties.getProperty(name)));
        return new ConditionSnapshot(facts);
    }

    /**
     * The snapshot the build put into the jar, or null when it was not processed ahead of
     * time.
     */
    static ConditionSnapshot load(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            return (in != null) ? parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)) : null;
        }
        catch (IOException e) {
            return null;
        }
    }

    private static String value(Environment environment, String name) {
        try {
            String value = environment.getProperty(name);
            return (value != null) ? "set:" + value : "unset";
        }
        catch (IllegalArgumentException unresolvable) {
            // a placeholder it cannot resolve: only a start with the same problem matches
            return "unresolvable";
        }
    }

    private static String digest(String value) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
