package lux.agent.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible server on loopback that answers {@code POST /v1/chat/completions}
 * from a script, in the real wire format (tool_calls, finish_reason, usage), and records
 * every request so tests can read what the model saw. LUX reaches it through its own
 * OpenAI client, pointed here by {@code lux.ai.base-url} ({@link #baseUrl()}). The one
 * OpenAI double: tools' tests and the app's end-to-end tests (tools' test-jar) use it.
 */
public class ScriptedOpenAi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();

    private final List<JsonNode> requests = new ArrayList<>();

    private final List<String> authorizations = new ArrayList<>();

    private final AtomicInteger ids = new AtomicInteger();

    private record Reply(int status, String body, long delayMillis) {
        Reply(int status, String body) {
            this(status, body, 0);
        }
    }

    public ScriptedOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            synchronized (requests) {
                requests.add(request);
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            Reply reply = script.poll();
            if (reply == null) {
                reply = new Reply(500, error("the test script has no more replies", "server_error"));
            }
            if (reply.delayMillis() > 0) {
                try {
                    Thread.sleep(reply.delayMillis()); // a model that thinks for a long
                                                       // time
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a
                                                                                  // slow
                                                                                  // reply
                                                                                  // holds
                                                                                  // up no
                                                                                  // other
                                                                                  // request
        server.start();
    }

    /**
     * One for a test class's static field; a port that cannot be opened fails the class.
     */
    public static ScriptedOpenAi start() {
        try {
            return new ScriptedOpenAi();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Points LUX's OpenAI client here with a test key, one retry and a 10 s timeout (from
     * a test's {@code @DynamicPropertySource}).
     */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("lux.ai.api-key", () -> "sk-test-key");
        registry.add("lux.ai.base-url", this::baseUrl);
        registry.add("lux.ai.max-retries", () -> "1");
        registry.add("lux.ai.timeout", () -> "10s");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The model calls one tool with these JSON arguments. */
    public ScriptedOpenAi toolCall(String tool, String argumentsJson) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", "call_" + ids.incrementAndGet()).put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", argumentsJson);
        script.add(new Reply(200, completion(message, "tool_calls")));
        return this;
    }

    /** The model answers in text and the turn ends. */
    public ScriptedOpenAi text(String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        script.add(new Reply(200, completion(message, "stop")));
        return this;
    }

    /** The model answers in text, but only after {@code delay}. */
    public ScriptedOpenAi slowText(java.time.Duration delay, String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        script.add(new Reply(200, completion(message, "stop"), delay.toMillis()));
        return this;
    }

    public ScriptedOpenAi failure(int status, String type) {
        script.add(new Reply(status, error("scripted failure " + status, type)));
        return this;
    }

    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<String> authorizations() {
        synchronized (requests) {
            return List.copyOf(authorizations);
        }
    }

    /** The tool results (role "tool") the model was shown in a request. */
    public static List<String> toolResults(JsonNode request) {
        List<String> results = new ArrayList<>();
        request.path("messages").forEach(m -> {
            if ("tool".equals(m.path("role").asText())) {
                results.add(m.path("content").asText());
            }
        });
        return results;
    }

    public void reset() {
        script.clear();
        synchronized (requests) {
            requests.clear();
            authorizations.clear();
        }
    }

    private String completion(ObjectNode message, String finishReason) {
        ObjectNode body = JSON.createObjectNode()
            .put("id", "chatcmpl-" + ids.incrementAndGet())
            .put("object", "chat.completion")
            .put("created", 1764147600L)
            .put("model", "gpt-4o");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 20).put("total_tokens", 120);
        return body.toString();
    }

    private static String error(String message, String type) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return body.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

}
