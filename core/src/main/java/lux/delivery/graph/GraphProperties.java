package lux.delivery.graph;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Microsoft Graph settings under {@code lux.graph} (only read when
 * {@code lux.mail.transport=graph}).
 *
 * @param sender mailbox (UPN or id) mail is sent as when a campaign names none
 * @param authority the Entra ID login host; MSAL requires https
 * @param baseUrl the Graph API root; tests point it at a loopback double
 * @param scope token scope
 * @param timeout per-request timeout
 * @param sendFormat {@code mime} (default): a base64 MIME message, which carries
 * List-Unsubscribe and a text part; {@code json}: Graph's JSON message, HTML only and x-
 * headers only (see docs/graph.md)
 * @param unsubscribeMailto optional mailbox added to List-Unsubscribe as a mailto: (MIME
 * only); someone must read it
 * @param certificatePath instead of the client secret: a certificate of the app
 * registration (PKCS#12, or PEM with an unencrypted PKCS#8 key)
 * @param certificatePassword the PKCS#12 file's password
 * @param managedIdentityClientId instead of an app registration: the client id of a
 * user-assigned managed identity holding Mail.Send (tenant-id, client-id and secret are
 * then not used)
 * @param managedIdentityEndpoint the managed identity endpoint (IMDS protocol); blank =
 * the one Azure announces in the environment (IDENTITY_ENDPOINT, IMDS)
 */
@Validated
@ConfigurationProperties("lux.graph")
public record GraphProperties(@DefaultValue("") String tenantId, @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret, @DefaultValue("") String sender,
        @NotNull @DefaultValue("https://login.microsoftonline.com") URI authority,
        @NotNull @DefaultValue("https://graph.microsoft.com/v1.0") URI baseUrl,
        @DefaultValue("https://graph.microsoft.com/.default") String scope,
        @NotNull @DefaultValue("30s") Duration timeout,
        @NotNull @Pattern(regexp = "mime|json",
                message = "must be mime or json") @DefaultValue("mime") String sendFormat,
        @DefaultValue("") String unsubscribeMailto, @DefaultValue("") String certificatePath,
        @DefaultValue("") String certificatePassword, @DefaultValue("") String managedIdentityClientId,
        @DefaultValue("") String managedIdentityEndpoint) {

    /**
     * Whether messages go out as MIME (with the real List-Unsubscribe headers) rather
     * than Graph JSON.
     */
    boolean mime() {
        return "mime".equals(sendFormat);
    }

    boolean managedIdentity() {
        return !managedIdentityClientId.isBlank();
    }

    boolean certificate() {
        return !certificatePath.isBlank();
    }

    /**
     * The missing settings, named for the person who has to set them; empty when Graph
     * can be used.
     */
    String missing() {
        if (managedIdentity()) {
            return "";
        }
        StringBuilder m = new StringBuilder();
        if (tenantId.isBlank()) {
            m.append(" lux.graph.tenant-id");
        }
        if (clientId.isBlank()) {
            m.append(" lux.graph.client-id");
        }
        if (clientSecret.isBlank() && !certificate()) {
            m.append(" lux.graph.client-secret (or certificate-path, or managed-identity-client-id)");
        }
        return m.toString().strip();
    }

    @Override
    public String toString() {
        return "GraphProperties[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=***, sender="
                + sender + ", authority=" + authority + ", baseUrl=" + baseUrl + ", sendFormat=" + sendFormat
                + ", certificatePath=" + certificatePath + ", certificatePassword=***, managedIdentityClientId="
                + managedIdentityClientId + "]";
    }
}
