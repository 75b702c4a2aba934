package lux.delivery;

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
 * The clock of delivery. Each tick, one instance (ShedLock on the shared database)
 * resolves expired leases and starts due campaigns; then every instance sends batches,
 * cooperating through row claims. Off unless {@code lux.delivery.enabled=true} (the app's
 * application.yml sets it), so test contexts of other features never see their scheduled
 * campaigns start behind their back.
 */
@Component
@ConditionalOnProperty(name = "lux.delivery.enabled", havingValue = "true")
class DeliveryScheduler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);

    private final DeliveryEngine engine;

    private final LockingTaskExecutor locks;

    private final DeliveryProperties properties;

    DeliveryScheduler(DeliveryEngine engine, LockProvider lockProvider, DeliveryProperties properties) {
        this.engine = engine;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "${lux.delivery.tick:2s}", fixedDelayString = "${lux.delivery.tick:2s}")
    void tick() {
        try {
            locks.executeWithLock((Runnable) () -> {
                engine.resolveExpiredLeases();
                engine.startDueCampaigns();
            }, new LockConfiguration(Instant.now(), "lux-delivery-start", Duration.ofMinutes(10), Duration.ZERO));
            engine.work(properties.tick().multipliedBy(10).plusSeconds(10));
        }
        catch (RuntimeException e) {
            log.error("Delivery tick failed; trying again next tick", e);
        }
    }

}
