package lux.signup;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-up form settings under {@code lux.signup}.
 *
 * @param signingKey HMAC key for form stamps and confirmation links; empty: generated
 * once and kept in the database
 * @param minFillTime a form sent sooner than this after it was shown is taken for a bot
 * and quietly dropped
 * @param confirmationValidity how long a confirmation link works
 * @param perAddressLimit sign-ups per address within {@code limitWindow}; more are
 * quietly dropped
 * @param perIpLimit sign-ups per IP address within {@code limitWindow}; more are quietly
 * dropped
 * @param limitWindow the window of both limits
 * @param maxPending unconfirmed sign-ups held at once (all forms); beyond it new ones are
 * quietly dropped
 * @param sender mailbox the confirmation mail comes from; empty: the default sender
 */
@Validated
@ConfigurationProperties("lux.signup")
public record SignupProperties(@DefaultValue("") String signingKey, @NotNull @DefaultValue("3s") Duration minFillTime,
        @NotNull @DefaultValue("48h") Duration confirmationValidity, @Min(1) @DefaultValue("3") int perAddressLimit,
        @Min(1) @DefaultValue("20") int perIpLimit, @NotNull @DefaultValue("1h") Duration limitWindow,
        @Min(1) @DefaultValue("10000") int maxPending, @DefaultValue("") String sender) {
}
