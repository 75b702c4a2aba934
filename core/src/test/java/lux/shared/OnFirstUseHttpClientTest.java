package lux.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnFirstUseHttpClientTest {

    @Test
    void makesTheClientOnceOnItsFirstUseAndSendsThroughIt() throws Exception {
        AtomicInteger made = new AtomicInteger();
        HttpClient http = new OnFirstUseHttpClient(() -> {
            made.incrementAndGet();
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(7)).build();
        });
        assertThat(made).as("nothing is built, no trust store read, before a request").hasValue(0);

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            byte[] body = "{\"access_token\":\"t\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI token = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(token).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = http
                .sendAsync(HttpRequest.newBuilder(token).build(), HttpResponse.BodyHandlers.ofString())
                .get();
            assertThat(first.body()).isEqualTo("{\"access_token\":\"t\"}");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(http.connectTimeout()).contains(Duration.ofSeconds(7));
            assertThat(made).as("one client for every request").hasValue(1);
        }
        finally {
            server.stop(0);
        }
    }

}
