package lux.config;

import java.util.Arrays;
import java.util.stream.Stream;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;

/**
 * A module's own Flyway migrations: a module declares
 * {@code ModuleMigrations.at("classpath:db/bot")} as a bean and its scripts join core's
 * (classpath:db/migration) in one history, ordered by version across modules. Without the
 * module on the class path its tables are simply not created, so core's tests run without
 * the bot.
 */
public final class ModuleMigrations {

    private ModuleMigrations() {
    }

    /**
     * Adds {@code location} to the locations from spring.flyway.locations (core's by
     * default).
     */
    public static FlywayConfigurationCustomizer at(String location) {
        Location added = new Location(location);
        return flyway -> flyway.locations(
                Stream.concat(Arrays.stream(flyway.getLocations()).filter(l -> !l.equals(added)), Stream.of(added))
                    .toArray(Location[]::new));
    }

}
