package lux.endtoend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import lux.LuxApplication;
import lux.testsupport.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One LUX application as {@code java -jar lux.jar} runs it (the app's own configuration,
 * every module), on a random loopback port and this JVM's test database; start two and
 * they share that database like two nodes behind a load balancer. Settings are given as
 * command-line arguments, so they win over application.yml as an operator's would.
 */
final class LuxInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;

    private LuxInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** {@code settings}: "name=value" pairs. */
    static LuxInstance start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--MicrosoftAppId=", "--lux.ai.api-key="));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new LuxInstance(new SpringApplicationBuilder(LuxApplication.class).initializers(new TestDatabase())
            .run(args.toArray(String[]::new)));
    }

    int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Publishes an application event in this instance, as its own services do after a
     * change.
     */
    void publish(Object event) {
        context.publishEvent(event);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /**
     * Posts an activity to /api/messages as the channel would; the turn's replies have
     * gone out when it answers.
     */
    HttpResponse<String> postActivity(String activityJson) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri("/api/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(activityJson))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        context.close();
    }

}
