package lux.delivery.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lux.campaigns.Senders;
import lux.inbound.InboundMail;
import lux.inbound.InboundProperties;
import lux.inbound.InboundRun;
import lux.inbound.MailboxCursors;
import lux.inbound.MailboxReader;
import lux.shared.OnFirstUseHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the Inbox of every sender mailbox with Graph's delta query ({@code Mail.Read}),
 * fetches each new message's MIME ({@code $value}) for the classifier and moves it to
 * {@code lux.inbound.processed-folder} ({@code Mail.ReadWrite}). The delta or next link
 * is saved after every page, so a restart or another instance goes on from there; a
 * message read twice (a crash between acting and saving) is recognised by the processor
 * and only moved.
 */
@Component
@ConditionalOnExpression("'${lux.mail.transport:outbox}' == 'graph' and '${lux.inbound.enabled:false}' == 'true'")
@EnableConfigurationProperties(GraphProperties.class)
class GraphInboxReader implements MailboxReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SELECT = "$select=id,internetMessageId,webLink,receivedDateTime";

    private final GraphProperties graph;

    private final InboundProperties inbound;

    private final Senders senders;

    private final MailboxCursors cursors;

    private final HttpClient http;

    private final GraphToken token;

    private final Map<String, String> folderIds = new ConcurrentHashMap<>();

    GraphInboxReader(GraphProperties graph, InboundProperties inbound, Senders senders, MailboxCursors cursors,
            ObjectProvider<GraphTransport.GraphHttpClient> httpClient, Clock clock) {
        this.graph = graph;
        this.inbound = inbound;
        this.senders = senders;
        this.cursors = cursors;
        this.http = httpClient.getIfAvailable(
                () -> new GraphTransport.GraphHttpClient(OnFirstUseHttpClient.connectingWithin(Duration.ofSeconds(10))))
            .client();
        this.token = new GraphToken(new GraphCredentials(graph, http), clock);
    }

    @Override
    public List<String> mailboxes() {
        return senders.allowed();
    }

    @Override
    public void read(String mailbox, InboundRun run) throws Exception {
        folderIds.remove(mailbox); // looked up again once per reading: a person may have
                                   // deleted or renamed it
        String url = cursors.get(mailbox).orElse(user(mailbox) + "/mailFolders/inbox/messages/delta?" + SELECT);
        while (url != null) {
            HttpResponse<byte[]> response = send(
                    HttpRequest.newBuilder(URI.create(url)).header("Prefer", "odata.maxpagesize=50").GET());
            if (response.statusCode() == 410) { // the delta token expired: start over,
                                                // handled messages are not acted on twice
                cursors.save(mailbox, null);
                url = user(mailbox) + "/mailFolders/inbox/messages/delta?" + SELECT;
                continue;
            }
            JsonNode page = json(response, "read the Inbox of " + mailbox);
            for (JsonNode message : page.path("value")) {
                if (!message.has("@removed") && message.hasNonNull("id")) {
                    handle(mailbox, message, run);
                }
            }
            String next = page.path("@odata.nextLink").asText(null);
            String delta = page.path("@odata.deltaLink").asText(null);
            cursors.save(mailbox, next != null ? next : delta);
            url = next;
        }
    }

    private void handle(String mailbox, JsonNode message, InboundRun run) throws Exception {
        String id = message.get("id").asText();
        HttpResponse<InputStream> mime = http
            .send(HttpRequest.newBuilder(URI.create(user(mailbox) + "/messages/" + encode(id) + "/$value"))
                .timeout(graph.timeout())
                .header("Authorization", "Bearer " + token.get())
                .GET()
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] head;
        try (InputStream body = mime.body()) {
            head = body.readNBytes(InboundMail.MAX_BYTES); // the rest (attachments) is
                                                           // not needed to classify it
        }
        if (mime.statusCode() == 404) {
            return; // gone since the delta was taken (moved or deleted by a person)
        }
        check(mime.statusCode(), head, "fetch a message of " + mailbox);
        String key = message.path("internetMessageId").asText("");
        run.accept(new InboundMail(key.isBlank() ? "graph:" + id : key, head, message.path("webLink").asText(null),
                instant(message.path("receivedDateTime").asText(null))));
        HttpResponse<byte[]> moved = send(
                HttpRequest.newBuilder(URI.create(user(mailbox) + "/messages/" + encode(id) + "/move"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers
                        .ofString(JSON.createObjectNode().put("destinationId", folder(mailbox)).toString())));
        if (moved.statusCode() != 404) {
            check(moved.statusCode(), moved.body(),
                    "move a message of " + mailbox + " to \"" + inbound.processedFolder() + "\"");
        }
    }

    /**
     * The id of the processed folder (top level), created when missing; remembered for
     * the rest of the reading.
     */
    private String folder(String mailbox) throws Exception {
        String known = folderIds.get(mailbox);
        if (known != null) {
            return known;
        }
        String name = inbound.processedFolder();
        String filter = URLEncoder.encode("displayName eq '" + name.replace("'", "''") + "'", StandardCharsets.UTF_8)
            .replace("+", "%20");
        JsonNode found = json(
                send(HttpRequest.newBuilder(URI.create(user(mailbox) + "/mailFolders?$filter=" + filter)).GET()),
                "look for the folder \"" + name + "\" in " + mailbox);
        String id = found.path("value").path(0).path("id").asText(null);
        if (id == null) {
            HttpResponse<byte[]> created = send(HttpRequest.newBuilder(URI.create(user(mailbox) + "/mailFolders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers
                    .ofString(JSON.createObjectNode().put("displayName", name).toString())));
            if (created.statusCode() == 409) { // another instance created it just now
                return folder(mailbox);
            }
            id = json(created, "create the folder \"" + name + "\" in " + mailbox).path("id").asText();
        }
        folderIds.put(mailbox, id);
        return id;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(graph.timeout()).header("Authorization", "Bearer " + token.get()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response, String what) throws IOException {
        check(response.statusCode(), response.body(), what);
        return JSON.readTree(response.body());
    }

    /**
     * A refusal names the permission most likely missing; 429 waits for the next reading.
     */
    private static void check(int status, byte[] responseBody, String what) throws IOException {
        if (status >= 200 && status < 300) {
            return;
        }
        String body = new String(responseBody, StandardCharsets.UTF_8);
        String error = body.length() > 300 ? body.substring(0, 300) : body;
        if (status == 401 || status == 403) {
            throw new IOException("Graph refused to " + what + " (" + status + "): " + error
                    + ". The app needs the Mail.Read and Mail.ReadWrite application permissions with admin consent.");
        }
        throw new IOException("Graph could not " + what + " (" + status + "): " + error);
    }

    private String user(String mailbox) {
        return graph.baseUrl().toString().replaceAll("/+$", "") + "/users/" + encode(mailbox);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

}
