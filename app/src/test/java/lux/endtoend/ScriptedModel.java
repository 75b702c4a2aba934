package lux.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * An OpenAI-compatible model on loopback ({@code POST /v1/chat/completions}) that answers
 * from a script in the real wire format (tool_calls, finish_reason, usage) and records
 * what LUX sent it. LUX reaches it through its own OpenAI client, pointed here by
 * {@code lux.ai.base-url}.
 */
final class ScriptedModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();

    private final List<JsonNode> requests = new ArrayList<>();

    private final AtomicInteger ids = new AtomicInteger();

    ScriptedModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            synchronized (requests) {
                requests.add(request);
            }
            String reply = script.poll();
            int status = reply == null ? 500 : 200;
            byte[] bytes = (reply == null
                    ? "{\"error\":{\"message\":\"the test script has no more replies\",\"type\":\"server_error\"}}"
                    : reply)
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The model's next answer: call {@code tool} with these JSON arguments. */
    ScriptedModel toolCall(String tool, String argumentsJson) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls")
            .addObject()
            .put("id", "call_" + ids.incrementAndGet())
            .put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", argumentsJson);
        script.add(completion(message, "tool_calls"));
        return this;
    }

    /** The model's next answer: this text, which ends the turn. */
    ScriptedModel text(String content) {
        script.add(completion(JSON.createObjectNode().put("role", "assistant").put("content", content), "stop"));
        return this;
    }

    List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** What LUX told the model its tools returned, in a request. */
    static List<String> toolResults(JsonNode request) {
        List<String> results = new ArrayList<>();
        request.path("messages").forEach(m -> {
            if ("tool".equals(m.path("role").asText())) {
                results.add(m.path("content").asText());
            }
        });
        return results;
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

    @Override
    public void close() {
        server.stop(0);
    }

}
