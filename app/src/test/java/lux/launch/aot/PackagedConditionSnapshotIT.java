package lux.launch.aot;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * The snapshot in the packaged jar holds what a start is compared on: every property of
 * LUX's own bean conditions and the Spring Boot settings an operator is likely to change,
 * as digests.
 */
class PackagedConditionSnapshotIT {

    private static ConditionSnapshot inTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("lux.app.jar", "target/lux.jar"));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = Stream.of(ConditionSnapshot.RESOURCE, "BOOT-INF/classes/" + ConditionSnapshot.RESOURCE)
                .map(zip::getEntry)
                .filter(e -> e != null)
                .findFirst()
                .orElseThrow(() -> new AssertionError(jar + " holds no " + ConditionSnapshot.RESOURCE));
            try (InputStream in = zip.getInputStream(entry)) {
                return ConditionSnapshot.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Every property a {@code @ConditionalOnProperty} in LUX's code names. */
    private static List<String> luxConditionProperties() {
        JavaClasses lux = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("lux");
        List<String> names = new ArrayList<>();
        lux.forEach(type -> Stream.concat(Stream.of(type), type.getMethods().stream())
            .flatMap(member -> member.getAnnotations().stream())
            .filter(annotation -> annotation.getRawType().isEquivalentTo(ConditionalOnProperty.class))
            .forEach(annotation -> names.addAll(propertyNames(annotation))));
        return names;
    }

    private static List<String> propertyNames(JavaAnnotation<?> annotation) {
        String prefix = (String) annotation.get("prefix").orElse("");
        List<String> names = new ArrayList<>();
        for (String attribute : List.of("name", "value")) {
            for (String name : (String[]) annotation.get(attribute).orElse(new String[0])) {
                names.add(prefix.isEmpty() ? name : prefix + "." + name);
            }
        }
        return names;
    }

    @Test
    void holdsEveryPropertyOfLuxsConditionsAndTheUsualSpringBootSwitches() throws Exception {
        ConditionSnapshot snapshot = inTheJar();
        List<String> lux = luxConditionProperties();
        assertThat(lux).as("LUX's own conditions, found in its classes")
            .contains("lux.mail.transport", "lux.delivery.enabled", "lux.journeys.enabled", "lux.inbound.enabled",
                    "lux.digest.enabled");
        List<String> expected = new ArrayList<>(lux);
        expected.addAll(List.of("spring.flyway.enabled", "spring.h2.console.enabled",
                "management.endpoints.web.exposure.include", "spring.threads.virtual.enabled", "spring.jmx.enabled",
                "springdoc.api-docs.enabled", "lux.metrics.enabled"));
        assertThat(snapshot.facts().keySet()).containsAll(expected.stream().map(name -> "property." + name).toList())
            .contains("profiles", "cloud-platform", "management-port", "datasource-url");
        assertThat(snapshot.facts()).allSatisfy((key, value) -> {
            if (key.startsWith("property.")) {
                assertThat(value).as(key).matches("[0-9a-f]{64}");
            }
        });
    }

}
