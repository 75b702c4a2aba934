package lux.imports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Hostile downloads against loopback doubles speaking real HTTP: a JDK HttpServer for
 * bodies no stub library can produce (endless, dripping, lying about their size), and
 * WireMock over TLS for the Teams-mode rules (https, the allow-list, private addresses).
 */
class SafeFileFetcherTest {

    static final byte[] CSV = "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8);
    static WireMockServer tls;

    HttpServer local;

    HttpServer other;

    final AtomicInteger otherHits = new AtomicInteger();

    final AtomicLong endlessSent = new AtomicLong();

    final CountDownLatch stop = new CountDownLatch(1);

    @BeforeAll
    static void startTls() {
        tls = new WireMockServer(options().dynamicHttpsPort().httpDisabled(true).bindAddress("127.0.0.1"));
        tls.start();
        tls.stubFor(get("/list.csv").willReturn(aResponse().withStatus(200).withBody(CSV)));
        tls.stubFor(get("/broken").willReturn(aResponse().withStatus(500).withBody("SECRET-BODY of the server")));
        tls.stubFor(get("/away")
            .willReturn(aResponse().withStatus(302).withHeader("Location", "https://evil.sharepoint.com/x.csv")));
    }

    @AfterAll
    static void stopTls() {
        tls.stop();
    }

    @BeforeEach
    void startLocal() throws IOException {
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", ex -> {
            otherHits.incrementAndGet();
            send(ex, 200, CSV);
        });
        other.start();
        local = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        local.setExecutor(Executors.newCachedThreadPool());
        local.createContext("/list.csv", ex -> send(ex, 200, CSV));
        local.createContext("/endless", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: 50 GB of zeros, generated as they
                                            // are written
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (long sent = 0; sent < 50L * 1024 * 1024 * 1024; sent += block.length) {
                    out.write(block);
                    endlessSent.addAndGet(block.length);
                }
            }
            catch (IOException closedByClient) {
                // the fetcher hung up: what the test wants
            }
        });
        local.createContext("/announced", ex -> {
            ex.sendResponseHeaders(200, 50L * 1024 * 1024 * 1024);
            ex.getResponseBody().flush();
            await(); // never sends the body
            ex.close();
        });
        local.createContext("/drip", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                while (stop.getCount() > 0) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(50);
                }
            }
            catch (IOException | InterruptedException closed) {
                // cut off
            }
        });
        local.createContext("/to-metadata", ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/"));
        local.createContext("/to-other",
                ex -> redirect(ex, "http://127.0.0.1:" + other.getAddress().getPort() + "/list.csv"));
        local.createContext("/to-same", ex -> redirect(ex, "/list.csv"));
        local.createContext("/loop", ex -> redirect(ex, "/loop"));
        local.start();
    }

    @AfterEach
    void stopLocal() {
        stop.countDown();
        local.stop(0);
        other.stop(0);
        tls.resetRequests();
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void await() {
        try {
            stop.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String localUrl(String path) {
        return "http://127.0.0.1:" + local.getAddress().getPort() + path;
    }

    private static SafeFileFetcher localMode(DataSize max, Duration timeout) {
        return new SafeFileFetcher(new FetchPolicy(true, List.of(), false, InetAddress::getAllByName),
                SafeFileFetcherTest::trustAll, max, timeout);
    }

    private static SafeFileFetcher teamsMode(List<String> allowed, boolean allowPrivate) {
        return new SafeFileFetcher(new FetchPolicy(false, allowed, allowPrivate, InetAddress::getAllByName),
                SafeFileFetcherTest::trustAll, DataSize.ofMegabytes(1), Duration.ofSeconds(10));
    }

    private static byte[] readAll(SafeFileFetcher fetcher, String url) throws IOException {
        try (InputStream in = fetcher.open(url)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFiftyGigabyteBodyStopsAtTheCapWithoutFillingMemory() {
        SafeFileFetcher fetcher = localMode(DataSize.ofMegabytes(2), Duration.ofSeconds(30));
        long started = System.nanoTime();
        long[] read = { 0 };

        assertThatThrownBy(() -> {
            try (InputStream in = fetcher.open(localUrl("/endless"))) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    read[0] += n;
                }
            }
        }).isInstanceOf(ImportRefusedException.class)
            .hasMessageStartingWith("The file is larger than 2 MB (lux.imports.max-file-size)");

        assertThat(read[0]).isLessThanOrEqualTo(2L * 1024 * 1024);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(endlessSent.get()).isLessThan(1024L * 1024 * 1024); // the server
                                                                       // stopped far
                                                                       // short of 50 GB
    }

    @Test
    void aContentLengthOverTheCapIsRefusedBeforeAnyBodyIsRead() {
        SafeFileFetcher fetcher = localMode(DataSize.ofMegabytes(100), Duration.ofSeconds(30));
        long started = System.nanoTime();

        assertThatThrownBy(() -> fetcher.open(localUrl("/announced"))).isInstanceOf(ImportRefusedException.class)
            .hasMessageStartingWith("The file is larger than 100 MB");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSlowDripIsCutOffAtTheTotalDeadline() {
        SafeFileFetcher fetcher = localMode(DataSize.ofMegabytes(100), Duration.ofMillis(1500));
        long started = System.nanoTime();

        assertThatThrownBy(() -> readAll(fetcher, localUrl("/drip"))).isInstanceOf(ImportRefusedException.class)
            .hasMessageStartingWith("The file did not arrive within 1500 ms (lux.imports.fetch-timeout)");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void redirectsToAnInternalAddressOrAnotherHostAreRefusedAndNeverFollowed() throws IOException {
        SafeFileFetcher fetcher = localMode(DataSize.ofMegabytes(1), Duration.ofSeconds(10));

        assertThatThrownBy(() -> fetcher.open(localUrl("/to-metadata"))).isInstanceOf(ImportRefusedException.class)
            .hasMessageContaining("is not on this machine");
        assertThatThrownBy(() -> fetcher.open(localUrl("/to-other"))).isInstanceOf(ImportRefusedException.class)
            .hasMessageContaining("redirects to another host");
        assertThat(otherHits).hasValue(0);
        assertThatThrownBy(() -> fetcher.open(localUrl("/loop"))).isInstanceOf(ImportRefusedException.class)
            .hasMessageContaining("redirects more than 3 times");

        assertThat(readAll(fetcher, localUrl("/to-same"))).isEqualTo(CSV); // positive
                                                                           // control:
                                                                           // same host,
                                                                           // followed
    }

    @Test
    void localModeReadsOnlyFromThisMachine() throws IOException {
        SafeFileFetcher fetcher = localMode(DataSize.ofMegabytes(1), Duration.ofSeconds(10));

        assertThat(readAll(fetcher, localUrl("/list.csv"))).isEqualTo(CSV);
        for (String url : List.of("https://contoso.sharepoint.com/x.csv", "http://169.254.169.254/",
                "http://10.0.0.1/x.csv", "file:///etc/passwd", "http://user@127.0.0.1/x.csv",
                "ftp://127.0.0.1/x.csv")) {
            assertThatThrownBy(() -> fetcher.check(url)).as(url)
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageStartingWith("LUX cannot fetch this file: its address");
        }
    }

    @Test
    void teamsModeNeedsHttpsAnAllowedHostAndAPublicAddress() throws IOException {
        String url = "https://localhost:" + tls.httpsPort() + "/list.csv";

        assertThatThrownBy(() -> teamsMode(List.of("*.sharepoint.com"), true).open(url))
            .hasMessageContaining("is not on a host Teams, SharePoint or OneDrive serves files from");
        assertThatThrownBy(
                () -> teamsMode(List.of("localhost"), true).open("http://localhost:" + tls.httpsPort() + "/list.csv"))
            .hasMessageContaining("is not an https address");
        assertThatThrownBy(() -> teamsMode(List.of("localhost"), false).open(url))
            .hasMessageContaining("leads to a private or internal network address");
        assertThat(tls.getAllServeEvents()).isEmpty(); // nothing refused was ever
                                                       // contacted

        assertThat(readAll(teamsMode(List.of("localhost"), true), url)).isEqualTo(CSV); // explicitly
                                                                                        // allowed
                                                                                        // double
        assertThat(tls.getAllServeEvents()).hasSize(1);
    }

    @Test
    void errorsNeverRepeatWhatTheServerSent() {
        SafeFileFetcher fetcher = teamsMode(List.of("localhost", "*.sharepoint.com"), true);

        assertThatThrownBy(() -> fetcher.open("https://localhost:" + tls.httpsPort() + "/broken")).hasMessage(
                "Downloading the file answered HTTP 500. Attach the file again (Teams download links expire after a while).");
        assertThatThrownBy(() -> fetcher.open("https://localhost:" + tls.httpsPort() + "/away"))
            .hasMessageContaining("redirects to another host")
            .hasMessageNotContaining("evil");
    }

    @Test
    void theAllowListMatchesSubdomainsOnly() {
        FetchPolicy policy = new FetchPolicy(false, List.of("*.sharepoint.com", "graph.microsoft.com"), false,
                InetAddress::getAllByName);

        assertThat(policy.check("https://contoso-my.sharepoint.com/personal/x/download.aspx?tempauth=1").host())
            .isEqualTo("contoso-my.sharepoint.com");
        assertThat(policy.check("https://CONTOSO.SharePoint.com./x").host()).isEqualTo("contoso.sharepoint.com");
        assertThat(policy.check("https://graph.microsoft.com/v1.0/x").pathAndQuery()).isEqualTo("/v1.0/x");
        for (String url : List.of("https://sharepoint.com/x", "https://evilsharepoint.com/x",
                "https://contoso.sharepoint.com.evil.example/x", "https://graph.microsoft.com.evil.example/x",
                "https://x.graph.microsoft.com/x", "https://169.254.169.254/")) {
            assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(ImportRefusedException.class);
        }
    }

    @Test
    void privateLinkLocalAndReservedAddressesAreNotPublic() throws IOException {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::")) {
            assertThat(FetchPolicy.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("13.107.136.9", "52.96.0.1", "2603:1000::1")) {
            assertThat(FetchPolicy.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    /**
     * Trusts the doubles' self-signed certificates (it checks nothing); production uses
     * the JDK trust store.
     */
    static SSLSocketFactory trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            } }, new SecureRandom());
            return context.getSocketFactory();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
