package lux.teams.identity;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Client credentials (a secret or a certificate) at
 * {@code {login-endpoint}/{tenant}/oauth2/v2.0/token}: the tenant is MicrosoftAppTenantId
 * for a SingleTenant bot and botframework.com for a MultiTenant one.
 */
final class ClientCredentialsTokenSource implements TokenSource {

    private static final String PUBLIC_CLOUD = "login.microsoftonline.com";

    private final ConfidentialClientApplication app;

    private final ClientCredentialParameters parameters;

    private final String description;

    ClientCredentialsTokenSource(String clientId, IClientCredential credential, String authority, String scope,
            IHttpClient http) {
        try {
            String host = URI.create(authority).getHost();
            app = ConfidentialClientApplication.builder(clientId, credential)
                .authority(authority + "/")
                .httpClient(http)
                // Instance discovery asks login.microsoftonline.com about the host: only
                // meaningful there.
                .instanceDiscovery(PUBLIC_CLOUD.equalsIgnoreCase(host))
                .validateAuthority(false)
                .build();
        }
        catch (MalformedURLException e) {
            throw new IllegalArgumentException("lux.teams.login-endpoint does not make a URL: " + authority, e);
        }
        // Our own cache decides when to renew (CachingTokenSource); MSAL's would hide the
        // endpoint's answers.
        parameters = ClientCredentialParameters.builder(Set.of(scope)).skipCache(true).build();
        description = authority + "/oauth2/v2.0/token for client_id " + clientId;
    }

    @Override
    public AccessToken fetch() throws Exception {
        try {
            IAuthenticationResult result = app.acquireToken(parameters).get();
            return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant());
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public String describe() {
        return description;
    }

}
