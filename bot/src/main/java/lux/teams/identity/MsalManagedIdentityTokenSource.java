package lux.teams.identity;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import java.util.concurrent.ExecutionException;

/**
 * A user-assigned managed identity through MSAL4J, which finds the endpoint the way Azure
 * announces it: App Service and Container Apps (IDENTITY_ENDPOINT + IDENTITY_HEADER),
 * Service Fabric, Cloud Shell (MSI_ENDPOINT), Azure Arc, otherwise the VM's IMDS at
 * 169.254.169.254.
 */
final class MsalManagedIdentityTokenSource implements TokenSource {

    private final ManagedIdentityApplication app;

    private final String resource;

    private final String clientId;

    MsalManagedIdentityTokenSource(String clientId, String resource, IHttpClient http) {
        this.app = ManagedIdentityApplication.builder(ManagedIdentityId.userAssignedClientId(clientId))
            .httpClient(http)
            .build();
        this.resource = resource;
        this.clientId = clientId;
    }

    @Override
    public AccessToken fetch() throws Exception {
        try {
            // forceRefresh: our own cache decides when to renew (MSAL's managed identity
            // cache is JVM-wide).
            IAuthenticationResult result = app
                .acquireTokenForManagedIdentity(ManagedIdentityParameters.builder(resource).forceRefresh(true).build())
                .get();
            return new AccessToken(result.accessToken(), result.expiresOnDate().toInstant());
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public String describe() {
        return "managed identity " + clientId + " (" + ManagedIdentityApplication.getManagedIdentitySource() + ")";
    }

}
