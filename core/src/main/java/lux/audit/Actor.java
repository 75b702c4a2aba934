package lux.audit;

import java.util.Objects;

/**
 * The person (or process) on whose behalf a service acts; every change is audited to one.
 */
public record Actor(Long userId, String name, Channel channel) {
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
    }

    public static Actor scheduler() {
        return new Actor(null, "scheduler", Channel.SCHEDULER);
    }

    public static Actor system() {
        return new Actor(null, "system", Channel.SYSTEM);
    }
}
