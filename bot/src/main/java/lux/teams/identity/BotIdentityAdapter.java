package lux.teams.identity;

import com.microsoft.bot.builder.BotCallbackHandler;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.schema.Activity;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's adapter with LUX's identity: outbound calls carry a token for the bot's own
 * type (the SDK alone only knows MultiTenant, asking botframework.com), and inbound
 * requests in Teams mode must carry a channel token ({@link InboundTokenPolicy}). In
 * local mode (no app id) it is the SDK's adapter unchanged.
 */
public final class BotIdentityAdapter extends BoundedConnectorAdapter {

    private static final Logger log = LoggerFactory.getLogger(BotIdentityAdapter.class);

    private final BotIdentity identity;

    private final InboundTokenPolicy policy;

    private final AppCredentials credentials;

    private BotIdentityAdapter(Configuration configuration, AuthenticationConfiguration authentication,
            BotIdentity identity, InboundTokenPolicy policy, AppCredentials credentials, int maxClients) {
        super(configuration, authentication, maxClients);
        this.identity = identity;
        this.policy = policy;
        this.credentials = credentials;
    }

    /**
     * @param http the client for token requests (the JVM's TLS trust unless a test gives
     * its own)
     * @param attempts tries per token request on 429, 5xx and network errors
     * @param backoff the first wait between tries; doubles each time
     * @param maxClients connector clients kept (see {@link BoundedConnectorAdapter})
     */
    public static BotIdentityAdapter create(Configuration configuration, BotIdentity identity, HttpClient http,
            Clock clock, int attempts, Duration backoff, int maxClients) {
        if (identity.localMode()) {
            return new BotIdentityAdapter(configuration, new AuthenticationConfiguration(), identity, null, null,
                    maxClients);
        }
        if (!identity.problems().isEmpty()) {
            throw new IllegalStateException(
                    "The bot identity is not complete: " + String.join("; ", identity.problems()));
        }
        InboundTokenPolicy policy = new InboundTokenPolicy(identity.appId());
        AuthenticationConfiguration authentication = new AuthenticationConfiguration();
        authentication.setClaimsValidator(policy.claimsValidator());
        TokenSource source = TokenSources.forIdentity(identity, http, clock);
        CachingTokenSource tokens = new CachingTokenSource(source, clock, attempts, backoff);
        log.info("LUX bot: {} bot {}; Bot Connector tokens from {}", identity.type().setting(), identity.appId(),
                source.describe());
        return new BotIdentityAdapter(configuration, authentication, identity, policy,
                new BotAppCredentials(identity.appId(), BotIdentity.BOT_FRAMEWORK_SCOPE, tokens), maxClients);
    }

    @Override
    public CompletableFuture<InvokeResponse> processActivity(String authHeader, Activity activity,
            BotCallbackHandler callback) {
        if (policy != null && activity != null) {
            String refusal = policy.refusal(authHeader, activity);
            if (refusal != null) {
                return CompletableFuture.failedFuture(new AuthenticationException("Refused: " + refusal));
            }
        }
        return super.processActivity(authHeader, activity, callback);
    }

    /**
     * The SDK asks for credentials per (app id, scope); LUX has exactly one identity and
     * speaks only to channels.
     */
    @Override
    protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
        if (credentials == null) {
            return super.buildAppCredentials(appId, scope);
        }
        if (!identity.appId().equals(appId) || !BotIdentity.BOT_FRAMEWORK_SCOPE.equals(scope)) {
            return CompletableFuture.failedFuture(new AuthenticationException("LUX has no credentials for app " + appId
                    + " and scope " + scope + "; it acts only as " + identity.appId() + " towards the Bot Connector"));
        }
        return CompletableFuture.completedFuture(credentials);
    }

}
