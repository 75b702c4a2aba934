package lux.besttime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code lux.best-time.*}: how many human opens make a contact's own best hour (fewer:
 * the audience's), and how long after the start the due times may lie (24 hours; the
 * benchmark sets zero so every due time is the start and only the overhead is measured).
 */
@Validated
@ConfigurationProperties("lux.best-time")
public record BestTimeProperties(@DefaultValue("3") int minOpens, @DefaultValue("PT24H") Duration window) {

    public BestTimeProperties {
        if (minOpens < 1) {
            throw new IllegalArgumentException("lux.best-time.min-opens must be at least 1, not " + minOpens);
        }
        if (window.isNegative() || window.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("lux.best-time.window must be between 0 and 24 hours, not " + window);
        }
    }

}
