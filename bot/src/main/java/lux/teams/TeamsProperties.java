package lux.teams;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bot settings under {@code lux.teams}.
 *
 * @param openidMetadataUrl where channel token signing keys are published (the Bot
 * Framework's own; tests and sovereign clouds point it elsewhere)
 * @param progressUpdateInterval the least time between two in-place updates of a sending
 * progress card
 * @param sendAttempts tries per outgoing call when Teams answers 429/412/502/504
 * @param retryBase the first retry delay; doubles each time, with jitter
 * @param turnThreads bot turns run at once; a turn may wait seconds on the model, on its
 * own thread rather than a web server thread (the public tracking routes share those)
 * @param turnQueue turns waiting for a thread; beyond that LUX answers 503 with
 * Retry-After
 * @param turnTimeout the longest LUX keeps a channel's request open for one turn (then
 * 503; the turn still finishes and its replies still go out)
 * @param loginEndpoint the Entra ID host SingleTenant and MultiTenant bots ask for tokens
 * ({@code {login-endpoint}/{tenant}/oauth2/v2.0/token}); https only
 * @param certificatePath a certificate of the bot's app registration (PKCS#12, or PEM
 * with an unencrypted PKCS#8 key) used instead of MicrosoftAppPassword
 * @param certificatePassword the PKCS#12 file's password
 * @param managedIdentityEndpoint for UserAssignedMSI: an IMDS-protocol token endpoint;
 * blank = the one Azure announces in the environment (IDENTITY_ENDPOINT, IMDS)
 * @param channels Teams mode: the Bot Framework channels served ({@code channelId});
 * others get 403
 * @param allowedTenants Teams mode: tenants served besides {@code MicrosoftAppTenantId}
 * ({@code *} = any)
 * @param serviceUrlHosts Teams mode: hosts a {@code serviceUrl} may name (https only)
 * before LUX stores or calls it; by default Teams' own (public cloud with its regional
 * paths, GCC, GCC High, DoD)
 * @param localModeRemote local mode (no app id) listens on {@code server.address} even
 * when it is not loopback (console, tracking links); {@code /api/messages} still only
 * answers this machine
 * @param maxBody the largest {@code /api/messages} body; larger ones get 413 before they
 * are read
 * @param notifyQueue proactive messages waiting to be sent; when full the oldest progress
 * update is dropped, or (none waiting) the new message is refused and logged
 * @param connectorClients Bot Framework connector clients kept, one per channel service
 * host; least recently used beyond that are closed
 * @param connectorDeadline all Bot Connector calls of one bot turn (or one proactive
 * message), retries included; past it retries stop and a call still hanging is abandoned
 * (not sent again: its outcome is unknown), so a slow or failing connector cannot hold a
 * bot thread
 */
@Validated
@ConfigurationProperties("lux.teams")
record TeamsProperties(
        @DefaultValue("https://login.botframework.com/v1/.well-known/openidconfiguration") String openidMetadataUrl,
        @DefaultValue("3s") Duration progressUpdateInterval, @DefaultValue("4") int sendAttempts,
        @DefaultValue("500ms") Duration retryBase, @Min(1) @DefaultValue("16") int turnThreads,
        @Min(0) @DefaultValue("100") int turnQueue, @NotNull @DefaultValue("5m") Duration turnTimeout,
        @NotNull @DefaultValue("https://login.microsoftonline.com") URI loginEndpoint, String certificatePath,
        String certificatePassword, String managedIdentityEndpoint,
        @NotEmpty @DefaultValue("msteams") List<String> channels, @NotNull @DefaultValue List<String> allowedTenants,
        @NotEmpty @DefaultValue( {
                "smba.trafficmanager.net", "smba.infra.gcc.teams.microsoft.com", "smba.infra.gov.teams.microsoft.us",
                "smba.infra.dod.teams.microsoft.us" }) List<String> serviceUrlHosts,
        boolean localModeRemote, @NotNull @DefaultValue("256KB") DataSize maxBody,
        @Min(1) @DefaultValue("1000") int notifyQueue, @Min(1) @DefaultValue("20") int connectorClients,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30s") Duration connectorDeadline){
    @Override
    public String toString() {
        return "TeamsProperties[openidMetadataUrl=" + openidMetadataUrl + ", loginEndpoint=" + loginEndpoint
                + ", certificatePath=" + certificatePath + ", certificatePassword="
                + (certificatePassword == null ? "unset" : "***") + ", managedIdentityEndpoint="
                + managedIdentityEndpoint + "]";
    }
}
