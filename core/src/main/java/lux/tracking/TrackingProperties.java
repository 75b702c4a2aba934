package lux.tracking;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tracking settings under {@code lux.tracking}.
 *
 * @param signingKey HMAC key for tracking tokens; when empty LUX generates one once and
 * stores it in the database
 * @param bufferCapacity events held in memory before a hit writes synchronously (about
 * 400 bytes each; capped at a tenth of the heap)
 * @param flushInterval how often buffered events are written
 * @param fullBufferWait the longest a hit waits to write synchronously when the buffer is
 * full; then (or at once while the database is failing) it is dropped and counted, and
 * the request still answered
 * @param machine rules that mark opens and clicks as machine traffic
 * @param countTokenOncePer how often one token counts as traffic for delivery to give way
 * to ({@link TrafficGauge}); 0 counts every hit
 */
@Validated
@ConfigurationProperties("lux.tracking")
public record TrackingProperties(@DefaultValue("") String signingKey,
        @Min(1) @DefaultValue("100000") int bufferCapacity, @NotNull @DefaultValue("200ms") Duration flushInterval,
        @NotNull @DefaultValue("1s") Duration fullBufferWait, @NotNull @DefaultValue MachineRules machine,
        @NotNull @DefaultValue("1s") Duration countTokenOncePer) {

    /**
     * @param userAgents "reason=regex" pairs; a hit whose user agent matches is machine
     * traffic with that reason
     * @param afterDelivery hits sooner than this after the mail was sent are machine
     * traffic (scanners)
     * @param clickBurstWindow clicks on {@code clickBurstLinks} different links within
     * this window are a link scanner
     * @param clickBurstLinks see above
     * @param clickWithoutOpen whether a click with no open before it counts as machine
     * traffic
     */
    public record MachineRules(@DefaultValue( {
            "google-image-proxy=(?i).*GoogleImageProxy.*",
            "apple-mail-privacy-protection=^Mozilla/5\\.0 \\(Macintosh; Intel Mac OS X 10_15_7\\) AppleWebKit/605\\.1\\.15 \\(KHTML, like Gecko\\)$",
            "microsoft-safe-links=(?i).*(BingPreview|Safe ?Links|Microsoft Office Existence Discovery|ms-office.*protection).*",
            "mimecast=(?i).*mimecast.*", "barracuda=(?i).*barracuda.*", "proofpoint=(?i).*(proofpoint|ppops-).*",
            "yahoo-proxy=(?i).*YahooMailProxy.*",
            "bot=(?i).*(bot\\b|crawler|spider|curl/|python-requests|Go-http-client|Wget|HeadlessChrome|scanner).*" }) List<String> userAgents,
            @NotNull @DefaultValue("5s") Duration afterDelivery, @NotNull @DefaultValue("1s") Duration clickBurstWindow,
            @Min(2) @DefaultValue("2") int clickBurstLinks, @DefaultValue("true") boolean clickWithoutOpen){
    }
}
