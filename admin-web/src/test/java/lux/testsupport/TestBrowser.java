package lux.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cookie-keeping HTTP client for the running test server that does not follow
 * redirects, and can connect from a chosen loopback address (127.0.0.2, ...) so a test
 * can be a different network peer than 127.0.0.1. It speaks HTTP/1.0 over a plain socket
 * (one request per connection, no chunking), which Tomcat answers like any browser.
 */
public class TestBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;

    private final InetAddress from;

    private final Map<String, String> cookies = new LinkedHashMap<>();

    private final Map<String, String> headers = new LinkedHashMap<>();

    public TestBrowser(int port) {
        this(port, null);
    }

    public TestBrowser(int port, String fromAddress) {
        this.port = port;
        try {
            this.from = fromAddress == null ? null : InetAddress.getByName(fromAddress);
        }
        catch (IOException e) {
            throw new IllegalArgumentException(fromAddress, e);
        }
    }

    /** Sends this header with every request from now on (null removes it). */
    public TestBrowser header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        }
        else {
            headers.put(name, value);
        }
        return this;
    }

    public Response get(String path) throws IOException {
        return send("GET", path, null, null);
    }

    public Response post(String path, String form) throws IOException {
        return send("POST", path, "application/x-www-form-urlencoded", form);
    }

    /**
     * Posts a console form with the session's CSRF token (taken from a page every
     * signed-in user may open).
     */
    public Response postForm(String path, String form) throws IOException {
        String token = csrf(get("/admin/account").body());
        return post(path, (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(token));
    }

    public Response signIn(String email, String password) throws IOException {
        String token = csrf(get("/admin/login").body());
        return post("/admin/login", "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(token));
    }

    public Response send(String method, String path, String contentType, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ')
            .append(path)
            .append(" HTTP/1.0\r\n")
            .append("Host: 127.0.0.1:")
            .append(port)
            .append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (!cookies.isEmpty()) {
            request.append("Cookie: ")
                .append(String.join("; ",
                        cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()))
                .append("\r\n");
        }
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String raw = all.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers
                .computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(lines[i].substring(colon + 1).trim());
        }
        for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new Response(status, headers, raw.substring(end + 4));
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("page has a CSRF field").isTrue();
        return m.group(1);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One answer: status, headers by lower-case name, body. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public Optional<String> location() {
            return Optional.ofNullable(headers.get("location")).map(l -> l.get(0));
        }

        public boolean redirectsTo(String pathEnd) {
            return status == 302 && location().map(l -> l.endsWith(pathEnd)).orElse(false);
        }
    }

}
