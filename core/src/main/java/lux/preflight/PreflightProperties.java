package lux.preflight;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code lux.preflight}.
 *
 * @param requirePostalAddress a missing {@code lux.mail.postal-address} blocks scheduling
 * (anti-spam laws ask for one)
 * @param bulkSenderThreshold recipients per day from which Gmail's and Yahoo's
 * bulk-sender rules apply (5,000)
 * @param links checking that links resolve (off by default: it makes requests from the
 * server)
 * @param dns the sender domain's SPF, DKIM and DMARC lookups
 */
@Validated
@ConfigurationProperties("lux.preflight")
public record PreflightProperties(@DefaultValue("true") boolean requirePostalAddress,
        @Min(1) @DefaultValue("5000") long bulkSenderThreshold, @NotNull @DefaultValue Links links,
        @NotNull @DefaultValue Dns dns) {

    /**
     * @param enabled HEAD every link from the server
     * @param timeout per link, connection and answer together
     * @param allowPrivateAddresses also check links to private or internal addresses
     * (otherwise refused, as for imports)
     * @param maxLinks links checked per campaign at most
     */
    public record Links(@DefaultValue("false") boolean enabled, @NotNull @DefaultValue("3s") Duration timeout,
            @DefaultValue("false") boolean allowPrivateAddresses, @Min(1) @Max(200) @DefaultValue("25") int maxLinks) {
    }

    /**
     * @param enabled look the sender domain up at all
     * @param resolver the DNS server as host or host:port; empty means the system's
     * resolvers
     * @param timeout per lookup
     * @param dkimSelectors DKIM selectors to look for (Microsoft 365 publishes selector1
     * and selector2)
     * @param cacheFor how long a domain's answers are reused
     */
    public record Dns(@DefaultValue("true") boolean enabled,
            @NotNull @Pattern(regexp = "|[A-Za-z0-9.:\\[\\]-]+",
                    message = "must be a host or host:port") @DefaultValue("") String resolver,
            @NotNull @DefaultValue("3s") Duration timeout, @NotEmpty @DefaultValue( {
                    "selector1", "selector2" }) List<String> dkimSelectors,
            @NotNull @DefaultValue("1h") Duration cacheFor){
    }
}
