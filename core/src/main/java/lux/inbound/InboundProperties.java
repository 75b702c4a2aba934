package lux.inbound;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reading the sender mailboxes back, under {@code lux.inbound}.
 *
 * @param enabled read the mailboxes (Graph: every sender mailbox, needs the Mail.Read and
 * Mail.ReadWrite application permissions; SMTP: the IMAP bounce mailbox below)
 * @param poll pause between two reads of a mailbox
 * @param processedFolder the folder handled messages are moved to (created when missing)
 * @param softBounceLimit soft bounces of one address within {@code softBounceWindow} that
 * suppress it
 * @param softBounceWindow how far back soft bounces count
 * @param pauseRate hard-bounce rate (0.05 = 5%) above which LUX pauses a sending campaign
 * @param pauseAfter accepted messages a campaign must have before its rate counts
 * @param imap the bounce mailbox read over IMAP when LUX sends by SMTP
 */
@Validated
@ConfigurationProperties("lux.inbound")
public record InboundProperties(@DefaultValue("false") boolean enabled, @NotNull @DefaultValue("1m") Duration poll,
        @NotBlank @DefaultValue("LUX processed") String processedFolder, @Min(1) @DefaultValue("3") int softBounceLimit,
        @NotNull @DefaultValue("30d") Duration softBounceWindow,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.05") double pauseRate,
        @Min(1) @DefaultValue("200") int pauseAfter, @Valid @NotNull @DefaultValue Imap imap) {

    /**
     * The IMAP bounce mailbox (SMTP delivery): the envelope sender's mailbox, where DSNs
     * arrive.
     *
     * @param host blank: no IMAP reading
     * @param ssl IMAPS (true, port 993); false: IMAP with STARTTLS, required unless
     * {@code starttls} is false
     * @param starttls with {@code ssl=false}: require STARTTLS (false only for a loopback
     * server: the password would travel in clear)
     * @param folder the folder read
     */
    public record Imap(@DefaultValue("") String host, @Min(1) @Max(65535) @DefaultValue("993") int port,
            @DefaultValue("true") boolean ssl, @DefaultValue("true") boolean starttls,
            @DefaultValue("") String username, @DefaultValue("") String password,
            @NotBlank @DefaultValue("INBOX") String folder, @NotNull @DefaultValue("30s") Duration timeout) {

        @Override
        public String toString() {
            return "Imap[host=" + host + ", port=" + port + ", ssl=" + ssl + ", starttls=" + starttls + ", username="
                    + username + ", password=***, folder=" + folder + "]";
        }
    }
}
