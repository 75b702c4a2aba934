package lux.admin;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Console settings under {@code lux.console}, validated at start-up.
 *
 * @param loginFailuresPerAccount failed sign-ins on one account before each further try must wait
 * @param loginFailuresPerAddress failed sign-ins from one client address before it must wait (higher: offices share one)
 * @param loginBaseDelay          the first wait; it doubles with each further failure
 * @param loginMaxDelay           the longest wait
 */
@Validated
@ConfigurationProperties("lux.console")
public record ConsoleProperties(@Min(1) @DefaultValue("5") int loginFailuresPerAccount,
                                @Min(1) @DefaultValue("20") int loginFailuresPerAddress,
                                @NotNull @DefaultValue("2s") Duration loginBaseDelay,
                                @NotNull @DefaultValue("15m") Duration loginMaxDelay) {
}
