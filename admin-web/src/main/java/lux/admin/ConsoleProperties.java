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
 * @param loginFailuresPerAccount failed sign-ins on one account from one client address
 * before each further try of that account from that address must wait (other addresses
 * are not slowed)
 * @param loginFailuresPerAddress failed sign-ins from one client address before it must
 * wait (higher: offices share one)
 * @param loginBaseDelay the first wait; it doubles with each further failure
 * @param loginMaxDelay the longest wait
 * @param apiTokenValidity how long a new API token works unless its creator chooses
 * otherwise
 */
@Validated
@ConfigurationProperties("lux.console")
public record ConsoleProperties(@Min(1) @DefaultValue("5") int loginFailuresPerAccount,
        @Min(1) @DefaultValue("20") int loginFailuresPerAddress, @NotNull @DefaultValue("2s") Duration loginBaseDelay,
        @NotNull @DefaultValue("15m") Duration loginMaxDelay, @NotNull @DefaultValue("90d") Duration apiTokenValidity) {
    public ConsoleProperties {
        if (apiTokenValidity != null && (apiTokenValidity.toDays() < 1
                || apiTokenValidity.compareTo(lux.users.ApiTokenService.MAX_VALIDITY) > 0)) {
            throw new IllegalArgumentException("lux.console.api-token-validity must be between 1 day and "
                    + lux.users.ApiTokenService.MAX_VALIDITY.toDays() + " days (it is " + apiTokenValidity + ")");
        }
    }
}
