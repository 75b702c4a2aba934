package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Bot Connector on loopback speaking the v3 REST API: it records what LUX posts
 * (replies, new messages) and puts (card updates), answers with activity ids, and can be
 * told to answer the next calls with an error status.
 */
final class FakeConnector implements AutoCloseable {

    record Call(String method, String path, JsonNode body, String authorization, String responseId) {
        String type() {
            return body == null ? null : body.path("type").asText();
        }

        String text() {
            return body == null ? null : body.path("text").asText(null);
        }

        JsonNode card() {
            JsonNode attachments = body == null ? null : body.path("attachments");
            return attachments == null || attachments.isEmpty() ? null : attachments.get(0).path("content");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4);

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    private final AtomicInteger ids = new AtomicInteger();

    private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();

    private final java.util.Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile java.util.concurrent.CountDownLatch hold;

    private final AtomicInteger held = new AtomicInteger();

    /**
     * Every request as it arrives, answered or not: "METHOD path" and when
     * ({@link System#nanoTime()}).
     */
    record Received(String request, long nanos) {
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    private volatile String holdOnly;

    private volatile Integer failAlways;

    /**
     * Starts one on a free loopback port; tests keep it in an {@code @AutoClose} static
     * field.
     */
    static FakeConnector start() {
        try {
            return new FakeConnector();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    FakeConnector() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod() + " " + path, System.nanoTime()));
            java.util.concurrent.CountDownLatch gate = hold;
            String only = holdOnly;
            if (gate != null && (only == null || path.contains(only))) {
                held.incrementAndGet();
                try {
                    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] file = files.get(exchange.getRequestURI().getPath());
            if (exchange.getRequestMethod().equals("GET") && file != null) {
                exchange.getResponseHeaders().add("Content-Type", "text/csv");
                exchange.sendResponseHeaders(200, file.length);
                exchange.getResponseBody().write(file);
                exchange.close();
                return;
            }
            Integer failure = failAlways != null ? failAlways : failures.poll();
            if (failure != null) {
                byte[] error = "{\"error\":{\"code\":\"Throttled\",\"message\":\"try later\"}}"
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(failure, error.length);
                exchange.getResponseBody().write(error);
                exchange.close();
                return;
            }
            JsonNode json = body.length == 0 ? null : JSON.readTree(body);
            String id = exchange.getRequestMethod().equals("PUT")
                    ? exchange.getRequestURI().getPath().replaceAll(".*/", "") : "activity-" + ids.incrementAndGet();
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), json,
                    exchange.getRequestHeaders().getFirst("Authorization"), id));
            byte[] response = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Serves a file (an attachment's contentUrl) at {@code path}; returns its URL. */
    String serveFile(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * Makes every call wait (as a slow Bot Connector would) until {@link #release()};
     * returns how many wait now.
     */
    AtomicInteger hold() {
        hold = new java.util.concurrent.CountDownLatch(1);
        held.set(0);
        return held;
    }

    /**
     * Like {@link #hold()}, but only calls whose path contains {@code pathPart} (e.g. a
     * conversation id) wait.
     */
    AtomicInteger holdOnly(String pathPart) {
        holdOnly = pathPart;
        return hold();
    }

    /**
     * Calls already waiting keep waiting (until {@link #release()}); new ones are
     * answered at once.
     */
    void letNewCallsThrough() {
        holdOnly = "\u0000 no path contains this";
    }

    /**
     * Answers every call (until {@link #stopFailing()}) with {@code status}, as a
     * connector in trouble would.
     */
    void failAlways(int status) {
        failAlways = status;
    }

    void stopFailing() {
        failAlways = null;
    }

    /**
     * Requests received whose "METHOD path" contains {@code part}, answered or not, in
     * arrival order.
     */
    List<Received> received(String part) {
        return received.stream().filter(r -> r.request().contains(part)).toList();
    }

    void release() {
        java.util.concurrent.CountDownLatch gate = hold;
        hold = null;
        holdOnly = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    void failNext(int... statuses) {
        for (int s : statuses) {
            failures.add(s);
        }
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Messages (not typing) LUX sent since the last {@link #clear()}. */
    List<Call> messages() {
        return calls().stream().filter(c -> "message".equals(c.type())).toList();
    }

    List<Call> updates() {
        return calls().stream().filter(c -> c.method().equals("PUT")).toList();
    }

    void clear() {
        calls.clear();
        received.clear();
    }

    /** Waits for a call (proactive messages arrive asynchronously). */
    Call await(Predicate<Call> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Call c : calls()) {
                if (wanted.test(c)) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No matching connector call within " + timeout + "; calls: " + calls());
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

}
