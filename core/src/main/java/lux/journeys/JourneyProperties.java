package lux.journeys;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Journey settings under {@code lux.journeys}.
 *
 * @param enabled whether this instance runs the step engine (the app turns it on with
 * delivery)
 * @param tick pause between engine ticks
 * @param batchSize enrolments a worker claims at once
 * @param parallelBatches batches one instance works on at once
 * @param lease an enrolment still running this long after its claim was left by a crashed
 * worker
 * @param maxAttempts sends tried on transient errors before the step counts as failed
 * @param retryDelay wait before a send is tried again after a transient error
 */
@Validated
@ConfigurationProperties("lux.journeys")
public record JourneyProperties(@DefaultValue("false") boolean enabled, @NotNull @DefaultValue("2s") Duration tick,
        @Min(1) @DefaultValue("100") int batchSize, @Min(1) @DefaultValue("2") int parallelBatches,
        @NotNull @DefaultValue("15m") Duration lease, @Min(1) @DefaultValue("5") int maxAttempts,
        @NotNull @DefaultValue("1m") Duration retryDelay) {
}
