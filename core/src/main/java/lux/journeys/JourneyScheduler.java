package lux.journeys;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clock of journeys. Each tick one instance (ShedLock) resolves expired leases and
 * enrols the day's date journeys; then every instance runs steps, cooperating through
 * claims. Off unless {@code lux.journeys.enabled=true}.
 */
@Component
@ConditionalOnProperty(name = "lux.journeys.enabled", havingValue = "true")
class JourneyScheduler {

    private static final Logger log = LoggerFactory.getLogger(JourneyScheduler.class);

    private final JourneyEngine engine;

    private final JourneyTriggers triggers;

    private final LockingTaskExecutor locks;

    private final JourneyProperties properties;

    JourneyScheduler(JourneyEngine engine, JourneyTriggers triggers, LockProvider lockProvider,
            JourneyProperties properties) {
        this.engine = engine;
        this.triggers = triggers;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${lux.journeys.tick:2s}", fixedDelayString = "${lux.journeys.tick:2s}")
    void tick() {
        try {
            locks.executeWithLock((Runnable) () -> {
                engine.resolveExpiredLeases();
                triggers.sweepDates();
            }, new LockConfiguration(Instant.now(), "lux-journeys", Duration.ofMinutes(10), Duration.ZERO));
            engine.work(properties.tick().multipliedBy(10).plusSeconds(10));
        }
        catch (RuntimeException e) {
            log.error("Journey tick failed; trying again next tick", e);
        }
    }

}
