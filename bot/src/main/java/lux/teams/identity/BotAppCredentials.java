package lux.teams.identity;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITenantProfile;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.Authenticator;
import java.util.Date;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's credentials for every outbound Bot Connector call (replies, card updates,
 * proactive messages): the SDK's interceptor puts {@code Authorization: Bearer} from here
 * on each request. Tokens come from the source the identity type asks for, through one
 * cache.
 */
final class BotAppCredentials extends AppCredentials {

    private final CachingTokenSource tokens;

    BotAppCredentials(String appId, String scope, CachingTokenSource tokens) {
        super(null, scope);
        setAppId(appId);
        this.tokens = tokens;
    }

    @Override
    protected Authenticator buildAuthenticator() {
        return () -> {
            try {
                return CompletableFuture.completedFuture(new Token(tokens.token()));
            }
            catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /** The one thing the SDK reads from the result is the access token. */
    private record Token(String accessToken) implements IAuthenticationResult {
        @Override
        public String idToken() {
            return null;
        }

        @Override
        public IAccount account() {
            return null;
        }

        @Override
        public ITenantProfile tenantProfile() {
            return null;
        }

        @Override
        public String environment() {
            return null;
        }

        @Override
        public String scopes() {
            return BotIdentity.BOT_FRAMEWORK_SCOPE;
        }

        @Override
        public Date expiresOnDate() {
            return null;
        }

        @Override
        public String toString() {
            return "Token[***]";
        }
    }

}
