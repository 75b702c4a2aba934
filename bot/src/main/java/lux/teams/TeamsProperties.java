package lux.teams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bot settings under {@code lux.teams}.
 *
 * @param openidMetadataUrl      where channel token signing keys are published; blank = Bot Framework's own (tests
 *                               point it at a loopback double)
 * @param progressUpdateInterval the least time between two in-place updates of a sending progress card
 * @param sendAttempts           tries per outgoing call when Teams answers 429/412/502/504
 * @param retryBase              the first retry delay; doubles each time, with jitter
 */
@Validated
@ConfigurationProperties("lux.teams")
record TeamsProperties(String openidMetadataUrl,
                       @DefaultValue("3s") Duration progressUpdateInterval,
                       @DefaultValue("4") int sendAttempts,
                       @DefaultValue("500ms") Duration retryBase) {
}
