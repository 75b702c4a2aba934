package lux.teams.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Bot Connector's v3 conversation API on loopback, as small as a test outside the bot
 * module needs it: records each call (method, path, Authorization header, JSON body, the
 * id it answered) and answers with an activity id.
 */
public final class BotConnectorDouble implements AutoCloseable {

    /**
     * {@code responseId}: the activity id the double answered with (what LUX later
     * updates or replies to).
     */
    public record Call(String method, String path, String authorization, String body, String responseId) {
    }

    private final HttpServer server;

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    private final AtomicInteger ids = new AtomicInteger();

    public BotConnectorDouble() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = "activity-" + ids.incrementAndGet();
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body, id));
            byte[] response = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
    }

    public String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /**
     * Waits for the first message activity the bot posted (replies arrive while the turn
     * runs).
     */
    public Call awaitMessage(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Call c : calls) {
                if (c.method().equals("POST") && c.body().contains("\"type\":\"message\"")) {
                    return c;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("LUX posted no message to the connector within " + timeout + "; calls: " + calls());
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
