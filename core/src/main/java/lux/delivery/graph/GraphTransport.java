package lux.delivery.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.aad.msal4j.MsalServiceException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import lux.delivery.MailTransport;
import lux.delivery.OutgoingMessage;
import lux.delivery.SendResult;
import lux.shared.OnFirstUseHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Sends with {@code POST {base-url}/users/{sender}/sendMail} using an app-only token from
 * MSAL4J (client credentials). Plain REST rather than the Graph SDK: one call needs no 60
 * MB of SDK (see docs/graph.md). By default the body is a base64 MIME message (multipart
 * text + HTML, RFC 8058 List-Unsubscribe headers); {@code lux.graph.send-format=json}
 * sends Graph's JSON message instead, which carries one body (HTML here) and accepts only
 * {@code x-} headers in internetMessageHeaders, so only those are passed on.
 */
@Component
@ConditionalOnProperty(name = "lux.mail.transport", havingValue = "graph")
@EnableConfigurationProperties(GraphProperties.class)
class GraphTransport implements MailTransport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GraphProperties properties;

    private final HttpClient http;

    private final GraphCredentials credentials;

    /**
     * Whether LUX reads the sender mailboxes (lux.inbound.enabled): then an unsubscribe
     * mail to the sender is acted on.
     */
    private final boolean readsSenderMailboxes;

    private String cachedToken;

    private java.time.Instant tokenRenewAt = java.time.Instant.MIN;

    GraphTransport(GraphProperties properties, ObjectProvider<GraphHttpClient> httpClient,
            @org.springframework.beans.factory.annotation.Value("${lux.inbound.enabled:false}") boolean readsSenderMailboxes) {
        this.properties = properties;
        this.readsSenderMailboxes = readsSenderMailboxes;
        this.http = httpClient
            .getIfAvailable(() -> new GraphHttpClient(OnFirstUseHttpClient.connectingWithin(Duration.ofSeconds(10))))
            .client();
        this.credentials = new GraphCredentials(properties, http);
    }

    /**
     * Lets tests supply a client that trusts their TLS double; production uses the JDK
     * default.
     */
    public record GraphHttpClient(HttpClient client) {
    }

    @Override
    public String name() {
        return "graph";
    }

    @Override
    public SendResult send(OutgoingMessage m) {
        String missing = properties.missing();
        if (!missing.isEmpty()) {
            return new SendResult.Fatal("lux.mail.transport is graph but these settings are empty: " + missing
                    + ". Register an app in Entra ID with the Mail.Send application permission and set them.");
        }
        String token;
        try {
            token = token();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof MsalServiceException s && s.statusCode() != null
                    && (s.statusCode() == 400 || s.statusCode() == 401)) {
                return new SendResult.Unauthorized("Entra ID refused LUX's " + credentials.kind() + " (" + s.errorCode()
                        + "): check lux.graph.tenant-id, client-id and client-secret, certificate-path or managed-identity-client-id.");
            }
            return new SendResult.Transient("could not get a Graph token: " + rootMessage(e), null);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Transient("interrupted while getting a Graph token", null);
        }
        catch (GraphCredentials.Refused e) {
            return new SendResult.Unauthorized(
                    "Graph token refused: " + e.getMessage() + ". Check lux.graph.managed-identity-client-id.");
        }
        catch (RuntimeException e) {
            return new SendResult.Fatal("The Graph settings are not usable: " + e.getMessage());
        }
        String contentType;
        String body;
        if (properties.mime()) {
            try {
                body = mimeBody(m, !properties.unsubscribeMailto().isBlank() || !readsSenderMailboxes
                        ? properties.unsubscribeMailto() : m.from());
            }
            catch (AddressException e) {
                return badAddress(m, e);
            }
            contentType = "text/plain"; // Graph's signal for a base64 MIME body
        }
        else {
            body = body(m);
            contentType = "application/json";
        }
        HttpRequest request = HttpRequest
            .newBuilder(URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + "/users/"
                    + URLEncoder.encode(m.from(), StandardCharsets.UTF_8) + "/sendMail"))
            .timeout(properties.timeout())
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (java.net.http.HttpConnectTimeoutException | java.net.ConnectException e) {
            return new SendResult.Transient("Graph could not be reached: " + e.getMessage(), null); // nothing
                                                                                                    // was
                                                                                                    // sent
        }
        catch (IOException e) {
            // sent, or partly, with no answer (timeout, reset, GOAWAY: the JDK client
            // reports it without saying whether
            // the server processed the stream): Graph may have accepted it, and sendMail
            // is not idempotent
            return new SendResult.Unknown("no answer from Graph (" + e + ")");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Unknown("interrupted while waiting for Graph's answer");
        }
        return result(response);
    }

    static String body(OutgoingMessage m) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode message = root.putObject("message");
        message.put("subject", m.subject());
        message.putObject("body").put("contentType", "HTML").put("content", m.html());
        message.putArray("toRecipients").addObject().putObject("emailAddress").put("address", m.to());
        ArrayNode headers = message.putArray("internetMessageHeaders");
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            if (h.getKey().toLowerCase(Locale.ROOT).startsWith("x-")) {
                headers.addObject().put("name", h.getKey()).put("value", h.getValue());
            }
        }
        if (m.unsubscribeUrl() != null) {
            // Graph refuses List-Unsubscribe here; an x- copy keeps the one-click URL
            // traceable in the headers
            headers.addObject().put("name", "X-LUX-List-Unsubscribe").put("value", "<" + m.unsubscribeUrl() + ">");
        }
        root.put("saveToSentItems", false);
        return root.toString();
    }

    /**
     * The message as Graph's MIME sendMail wants it: a MIME message, base64-encoded (no
     * line breaks). Unlike the JSON form it carries any header (the real RFC 8058
     * List-Unsubscribe and List-Unsubscribe-Post) and a text part.
     */
    static String mimeBody(OutgoingMessage m, String unsubscribeMailto) throws AddressException {
        return Base64.getEncoder().encodeToString(MimeWriter.write(m, unsubscribeMailto, Instant.now()));
    }

    private SendResult badAddress(OutgoingMessage m, AddressException e) {
        try {
            new InternetAddress(m.from(), true);
        }
        catch (AddressException fromIsBad) {
            return new SendResult.Fatal(
                    "The sender mailbox \"" + m.from() + "\" is not an email address (" + fromIsBad.getMessage()
                            + "): set lux.graph.sender or the campaign's sender to a mailbox of the tenant.");
        }
        return new SendResult.Permanent("The recipient address is not valid: " + e.getMessage());
    }

    static SendResult result(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 202 || status == 200) {
            return new SendResult.Sent(response.headers().firstValue("request-id").orElse(null));
        }
        String error = errorText(response.body());
        if (status == 429 || status == 503) {
            Duration wait = response.headers().firstValue("Retry-After").flatMap(GraphTransport::seconds).orElse(null);
            return new SendResult.Transient("Graph is throttling (" + status + "): " + error, wait);
        }
        if (status == 401 || status == 403) {
            return new SendResult.Unauthorized("Graph refused to send (" + status + "): " + error
                    + ". Check the client secret and that the app has the Mail.Send application permission with admin consent.");
        }
        if (status >= 500 || status == 408) {
            return new SendResult.Transient("Graph error " + status + ": " + error, null);
        }
        return new SendResult.Permanent("Graph rejected the message (" + status + "): " + error);
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        }
        catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static String errorText(String body) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body).path("error");
            if (error.isObject()) {
                return error.path("code").asText("") + " " + error.path("message").asText("");
            }
        }
        catch (IOException e) {
            // not JSON: fall through to the raw text
        }
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
    }

    /**
     * One token for every sender thread, renewed five minutes before it expires. MSAL's
     * own cache is keyed by authority aliases that a custom authority may not match, so
     * LUX keeps the token itself (single-flight).
     */
    private synchronized String token() throws ExecutionException, InterruptedException {
        if (cachedToken == null || java.time.Instant.now().isAfter(tokenRenewAt)) {
            GraphCredentials.Token token = credentials.acquire();
            cachedToken = token.value();
            tokenRenewAt = token.expiresOn().minus(Duration.ofMinutes(5));
        }
        return cachedToken;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

}
