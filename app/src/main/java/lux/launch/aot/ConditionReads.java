package lux.launch.aot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.env.PropertySource;

/**
 * Put first in the environment while the build processes LUX ahead of time: it answers
 * nothing and remembers every property name asked for, so the build knows which
 * properties its bean conditions (Spring Boot's, LUX's, any library's) depended on.
 * Non-enumerable on purpose: Spring Boot's binder then asks it for each name it binds
 * instead of listing its names.
 */
final class ConditionReads extends PropertySource<Set<String>> {

    static final String NAME = "luxAotConditionReads";

    /** The property resolution's own frames, between a reader and this source. */
    private static final List<String> RESOLUTION = List.of("java.", "jdk.", "org.springframework.core.env.",
            "org.springframework.boot.context.properties.", "org.springframework.util.");

    /** Who read each property the snapshot keeps as a derived fact, by class. */
    private final Map<String, Set<String>> readers = new ConcurrentHashMap<>();

    ConditionReads() {
        super(NAME, ConcurrentHashMap.newKeySet());
    }

    @Override
    public Object getProperty(String name) {
        getSource().add(name);
        if (ConditionSnapshot.isDerived(name)) {
            this.readers.computeIfAbsent(name, (key) -> ConcurrentHashMap.newKeySet()).add(reader());
        }
        return null;
    }

    /** The first class on the stack that is not resolving properties. */
    private static String reader() {
        return StackWalker.getInstance()
            .walk((frames) -> frames.map(StackWalker.StackFrame::getClassName)
                .filter((type) -> !type.equals(ConditionReads.class.getName())
                        && RESOLUTION.stream().noneMatch(type::startsWith))
                .findFirst()
                .orElse("unknown"));
    }

    /**
     * "property: class" for every read of a derived property by a class its derived fact
     * does not stand for.
     */
    List<String> unexpectedReaders() {
        List<String> unexpected = new ArrayList<>();
        new TreeMap<>(this.readers).forEach((name, classes) -> classes.stream()
            .filter((type) -> !ConditionSnapshot.derivedFactCovers(name, type))
            .sorted()
            .forEach((type) -> unexpected.add(name + ": " + type)));
        return unexpected;
    }

    Set<String> names() {
        return new TreeSet<>(getSource());
    }

}
