package lux.shared;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.springframework.util.function.SingletonSupplier;

/**
 * An {@link HttpClient} made on its first use. The JDK's client loads the TLS context and
 * parses the JVM's trust store when it is built (0.4-0.6 s of a cold start, on the main
 * thread: docs/benchmarks.md "Start-up"), yet the bot's and Graph's token clients are
 * first needed when a message comes or goes, and a bot in local mode never asks for one.
 */
public final class OnFirstUseHttpClient extends HttpClient {

    private final SingletonSupplier<HttpClient> client;

    public OnFirstUseHttpClient(Supplier<HttpClient> factory) {
        this.client = SingletonSupplier.of(factory);
    }

    /**
     * The JDK's client with this connect timeout and its defaults otherwise (the JVM's
     * trust store), made on its first use.
     */
    public static HttpClient connectingWithin(Duration connectTimeout) {
        return new OnFirstUseHttpClient(() -> HttpClient.newBuilder().connectTimeout(connectTimeout).build());
    }

    private HttpClient client() {
        return this.client.obtain();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client().cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return client().connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return client().followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return client().proxy();
    }

    @Override
    public SSLContext sslContext() {
        return client().sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return client().sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return client().authenticator();
    }

    @Override
    public Version version() {
        return client().version();
    }

    @Override
    public Optional<Executor> executor() {
        return client().executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return client().send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return client().sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return client().sendAsync(request, handler, pushPromiseHandler);
    }

}
