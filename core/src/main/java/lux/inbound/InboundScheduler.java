package lux.inbound;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the mailboxes every {@code lux.inbound.poll} when
 * {@code lux.inbound.enabled=true}.
 */
@Component
@ConditionalOnProperty(name = "lux.inbound.enabled", havingValue = "true")
class InboundScheduler {

    private final InboundReading reading;

    InboundScheduler(InboundReading reading) {
        this.reading = reading;
    }

    @Scheduled(initialDelayString = "${lux.inbound.poll:1m}", fixedDelayString = "${lux.inbound.poll:1m}")
    void tick() {
        reading.readAll();
    }

}
