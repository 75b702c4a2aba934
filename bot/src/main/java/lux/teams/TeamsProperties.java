package lux.teams;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
 * @param turnThreads            bot turns run at once; a turn may wait seconds on the model, on its own thread
 *                               rather than a web server thread (the public tracking routes share those)
 * @param turnQueue              turns waiting for a thread; beyond that LUX answers 503 with Retry-After
 * @param turnTimeout            the longest LUX keeps a channel's request open for one turn (then 503; the turn
 *                               still finishes and its replies still go out)
 * @param notifyQueue            proactive messages waiting to be sent; when full the oldest progress update is dropped,
 *                               or (none waiting) the new message is refused and logged
 * @param connectorClients       Bot Framework connector clients kept, one per channel service host; least recently
 *                               used beyond that are closed
 */
@Validated
@ConfigurationProperties("lux.teams")
record TeamsProperties(String openidMetadataUrl,
                       @DefaultValue("3s") Duration progressUpdateInterval,
                       @DefaultValue("4") int sendAttempts,
                       @DefaultValue("500ms") Duration retryBase,
                       @Min(1) @DefaultValue("16") int turnThreads,
                       @Min(0) @DefaultValue("100") int turnQueue,
                       @NotNull @DefaultValue("5m") Duration turnTimeout,
                       @Min(1) @DefaultValue("1000") int notifyQueue,
                       @Min(1) @DefaultValue("20") int connectorClients) {
}
