package lux.teams.identity;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import lux.delivery.graph.JdkMsalHttpClient;

/** Picks where the bot's tokens come from, by {@code MicrosoftAppType}. */
final class TokenSources {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TokenSources() {
    }

    static TokenSource forIdentity(BotIdentity identity, HttpClient http, Clock clock) {
        JdkMsalHttpClient msalHttp = new JdkMsalHttpClient(http, TIMEOUT);
        String resource = BotIdentity.BOT_FRAMEWORK_SCOPE.replace("/.default", "");
        return switch (identity.type()) {
            case USER_ASSIGNED_MSI -> BotIdentity.blank(identity.managedIdentityEndpoint())
                    ? new MsalManagedIdentityTokenSource(identity.appId(), resource, msalHttp) : new ImdsTokenSource(
                            identity.managedIdentityEndpoint(), identity.appId(), resource, http, TIMEOUT, clock);
            case SINGLE_TENANT, MULTI_TENANT -> new ClientCredentialsTokenSource(identity.appId(), credential(identity),
                    identity.authority(), BotIdentity.BOT_FRAMEWORK_SCOPE, msalHttp);
        };
    }

    private static IClientCredential credential(BotIdentity identity) {
        return identity.hasCertificate()
                ? CertificateCredentials.load(identity.certificatePath(), identity.certificatePassword(),
                        "lux.teams.certificate-path")
                : ClientCredentialFactory.createFromSecret(identity.appPassword());
    }

}
