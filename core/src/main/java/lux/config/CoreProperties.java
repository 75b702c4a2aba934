package lux.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Core settings under {@code lux.*}, validated at start-up.
 *
 * @param publicBaseUrl what tracking and unsubscribe links point to
 * @param mail which transport delivers mail
 * @param campaigns campaign rules (send approval)
 */
@Validated
@ConfigurationProperties("lux")
public record CoreProperties(@NotNull @DefaultValue("http://localhost:3978") URI publicBaseUrl,
        @NotNull @DefaultValue Mail mail, @NotNull @DefaultValue Campaigns campaigns) {

    /** Settings under {@code lux.campaigns}. */
    public record Campaigns(@NotNull @DefaultValue Approval approval) {
    }

    /**
     * Optional four-eyes rule for sending (off by default).
     *
     * @param required when true, scheduling only asks; a second person must approve
     * before anything is sent
     * @param approvers who may approve: any other enabled user, or only admins
     */
    public record Approval(@DefaultValue("false") boolean required,
            @NotNull @DefaultValue("ANY_OTHER_USER") Approvers approvers) {
    }

    public enum Approvers {

        ANY_OTHER_USER, ADMINS

    }

    /**
     * @param transport outbox (default, no account), graph or smtp
     * @param defaultSender mailbox used when a campaign names none
     * @param postalAddress sender's postal address printed in every mail's footer
     * (anti-spam laws ask for one)
     */
    public record Mail(
            @NotNull @Pattern(regexp = "outbox|graph|smtp",
                    message = "must be outbox, graph or smtp") @DefaultValue("outbox") String transport,
            @DefaultValue("lux@localhost.localdomain") String defaultSender, @DefaultValue("") String postalAddress) {
    }
}
