package lux.delivery.smtp;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * SMTP time limits under {@code lux.smtp} (the server itself is Spring's
 * {@code spring.mail.*}). Without them a server that stops answering holds a sender
 * thread, and the recipient's lease, for ever.
 *
 * @param connectTimeout opening the connection
 * @param readTimeout waiting for any one server reply (after the message's final dot: the
 * outcome is then unknown)
 * @param writeTimeout writing to the server
 */
@Validated
@ConfigurationProperties("lux.smtp")
public record SmtpProperties(@NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("60s") Duration readTimeout, @NotNull @DefaultValue("60s") Duration writeTimeout) {
}
