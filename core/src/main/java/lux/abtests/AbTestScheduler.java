package lux.abtests;

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
 * The clock of A/B tests: each tick one instance (ShedLock) decides the tests whose wait
 * is over and tells listeners about new results. On with delivery
 * ({@code lux.delivery.enabled=true}).
 */
@Component
@ConditionalOnProperty(name = "lux.delivery.enabled", havingValue = "true")
class AbTestScheduler {

    static final String LOCK = "lux-abtests";

    private static final Logger log = LoggerFactory.getLogger(AbTestScheduler.class);

    private final AbDecisions decisions;

    private final AbResultsWatch results;

    private final LockingTaskExecutor locks;

    AbTestScheduler(AbDecisions decisions, AbResultsWatch results, LockProvider lockProvider) {
        this.decisions = decisions;
        this.results = results;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
    }

    @Scheduled(initialDelayString = "${lux.abtests.tick:1m}", fixedDelayString = "${lux.abtests.tick:1m}")
    void tick() {
        try {
            locks.executeWithLock((Runnable) () -> {
                results.publishChanges();
                decisions.decideDue();
            }, new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(10), Duration.ZERO));
        }
        catch (RuntimeException e) {
            log.error("A/B test tick failed; trying again next tick", e);
        }
    }

}
