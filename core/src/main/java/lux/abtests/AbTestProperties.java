package lux.abtests;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A/B test settings under {@code lux.abtests}.
 *
 * @param tick how often one instance looks for tests to decide and for new results
 * @param waitCap when set, no test waits longer than this before its decision (for
 * benchmarks and demos; empty in production)
 */
@Validated
@ConfigurationProperties("lux.abtests")
public record AbTestProperties(@NotNull @DefaultValue("1m") Duration tick, Duration waitCap) {
}
