package lux.teams.identity;

import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.retry.RetryStrategy;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Bot Framework adapter, but its connector clients (one HTTP client each) are kept in
 * a bounded cache keyed by the normalised service URL. The SDK keeps one per exact
 * serviceUrl string forever, so activities naming ever new serviceUrls
 * ({@code HTTPS://Host/}, {@code https://host:443/x?1}, ...) would each leave a client
 * behind. Beyond {@code lux.teams.connector-clients} the least recently used client is
 * dropped (not closed: a turn may still be using it; it is collected once unused). Which
 * serviceUrls are allowed at all is decided elsewhere.
 */
public class BoundedConnectorAdapter extends BotFrameworkHttpAdapter {

    /**
     * The SDK's own retry would repeat a POST after 500/502/503/504/408 unseen by LUX,
     * outside its turn deadline (and a 500 may follow a delivered message); LUX's
     * TeamsSender retries, within lux.teams.connector-deadline.
     */
    private static final RetryStrategy NO_RETRY = new RetryStrategy("none", false) {
        @Override
        public boolean shouldRetry(int retryCount, okhttp3.Response response) {
            return false;
        }
    };

    private final Map<String, ConnectorClient> clients;

    private final AtomicLong created = new AtomicLong();

    BoundedConnectorAdapter(Configuration configuration, int maxClients) {
        this(configuration, new AuthenticationConfiguration(), maxClients);
    }

    BoundedConnectorAdapter(Configuration configuration, AuthenticationConfiguration authentication, int maxClients) {
        super(configuration, authentication);
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ConnectorClient> eldest) {
                return size() > maxClients;
            }
        };
    }

    @Override
    protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl,
            AppCredentials credentials) {
        String base;
        try {
            base = normalise(serviceUrl);
        }
        catch (IllegalArgumentException e) {
            return CompletableFuture
                .failedFuture(new IllegalArgumentException("Invalid Service URL: " + serviceUrl, e));
        }
        String key = base + " " + (credentials == null ? "" : credentials.getAppId() + " " + credentials.oAuthScope());
        synchronized (clients) {
            ConnectorClient cached = clients.get(key);
            if (cached != null) {
                return CompletableFuture.completedFuture(cached);
            }
            ConnectorClient client = new RestConnectorClient(RestConnectorClient
                .getDefaultRestClientBuilder(base, credentials != null ? credentials : MicrosoftAppCredentials.empty())
                .withRetryStrategy(NO_RETRY)
                .build());
            created.incrementAndGet();
            clients.put(key, client);
            return CompletableFuture.completedFuture(client);
        }
    }

    /** Clients held now (at most lux.teams.connector-clients). */
    int cachedClients() {
        synchronized (clients) {
            return clients.size();
        }
    }

    /** Clients created since start. */
    long createdClients() {
        return created.get();
    }

    /**
     * scheme://host[:port]/path/ in lower case (path as given), without user info, query,
     * fragment or default port: every spelling of one service shares one client. Only
     * http(s) URLs with a host are accepted.
     */
    static String normalise(String serviceUrl) {
        if (serviceUrl == null || serviceUrl.isBlank()) {
            throw new IllegalArgumentException("no serviceUrl");
        }
        URI uri = URI.create(serviceUrl.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443
                || scheme.equals("http") && port == 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + (path.endsWith("/") ? path : path + "/");
    }

}
