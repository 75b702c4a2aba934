package lux.launch.aot;

import java.util.Set;
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

    ConditionReads() {
        super(NAME, ConcurrentHashMap.newKeySet());
    }

    @Override
    public Object getProperty(String name) {
        getSource().add(name);
        return null;
    }

    Set<String> names() {
        return new TreeSet<>(getSource());
    }

}
