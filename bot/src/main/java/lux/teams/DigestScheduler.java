package lux.teams;

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
 * Every quarter of an hour one instance (ShedLock) sends the digests that are due; the
 * periods recorded per user keep each digest to one even if two runs overlap. Off unless
 * {@code lux.digest.enabled=true} (the app's application.yml sets it), so test contexts
 * never post digests behind a test's back.
 */
@Component
@ConditionalOnProperty(name = "lux.digest.enabled", havingValue = "true")
class DigestScheduler {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

    private final DigestSender sender;

    private final LockingTaskExecutor locks;

    DigestScheduler(DigestSender sender, LockProvider lockProvider) {
        this.sender = sender;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT15M")
    void tick() {
        try {
            locks.executeWithLock((Runnable) () -> {
                int sent = sender.sendDue();
                if (sent > 0) {
                    log.info("Sent {} digests", sent);
                }
            }, new LockConfiguration(Instant.now(), "lux-teams-digest", Duration.ofMinutes(14), Duration.ZERO));
        }
        catch (RuntimeException e) {
            log.error("Digest run failed; trying again in a quarter of an hour", e);
        }
    }

}
