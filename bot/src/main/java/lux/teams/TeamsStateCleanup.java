package lux.teams;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hourly, on one instance at a time (ShedLock on the shared database): deletes expired
 * chart images and the card records of imports that stopped without finishing. Reads
 * already ignore expired charts; this only frees space.
 */
@Component
class TeamsStateCleanup {

    static final Duration IDLE_IMPORT_CARD = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(TeamsStateCleanup.class);

    private final ChartStore charts;

    private final ShownCards shown;

    private final LockingTaskExecutor locks;

    TeamsStateCleanup(ChartStore charts, ShownCards shown, LockProvider lockProvider) {
        this.charts = charts;
        this.shown = shown;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
    }

    @Scheduled(initialDelay = 10, fixedDelay = 60, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    void run() {
        try {
            locks.executeWithLock((Runnable) this::purge,
                    new LockConfiguration(Instant.now(), "lux-teams-cleanup", Duration.ofMinutes(30), Duration.ZERO));
        }
        catch (RuntimeException e) {
            log.warn("Teams cleanup failed; trying again in an hour: {}", e.toString());
        }
    }

    /** What one run deletes: expired charts and idle import cards. */
    void purge() {
        int charts = this.charts.purgeExpired();
        int cards = shown.forgetImportCardsIdleFor(IDLE_IMPORT_CARD);
        if (charts > 0 || cards > 0) {
            log.info("Deleted {} expired chart image(s) and {} idle import card record(s)", charts, cards);
        }
    }

}
