package lux.preferences;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Preference centre settings under {@code lux.preferences}.
 *
 * @param erasureLinkValidity how long the link in the "confirm the erasure" mail works
 * @param erasureMailInterval a repeated erasure request within this time sends no second
 * mail
 * @param sender mailbox the erasure confirmation comes from; empty: the default sender
 */
@Validated
@ConfigurationProperties("lux.preferences")
public record PreferenceProperties(@NotNull @DefaultValue("24h") Duration erasureLinkValidity,
        @NotNull @DefaultValue("10m") Duration erasureMailInterval, @DefaultValue("") String sender) {
}
