package lux.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import lux.shared.DefaultTls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Every file LUX downloads (Teams attachments to import) comes through here: only from
 * allowed hosts ({@link FetchPolicy}), connected to the address that was checked,
 * redirects followed by hand on the same host only, at most
 * {@code lux.imports.max-file-size} bytes counted as they arrive, and within
 * {@code lux.imports.fetch-timeout} overall. Errors never repeat what the server sent.
 * Plain HTTP/1.1 over a socket, because the JDK client can neither pin the address it
 * connects to nor cap a body while it streams.
 */
@Component
public class SafeFileFetcher {

    static final int MAX_REDIRECTS = 3;

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private static final long CONNECT_MILLIS = 10_000;

    private final FetchPolicy policy;

    /** Asked for on the first https download, not at start ({@link DefaultTls}). */
    private final Supplier<SSLSocketFactory> tls;

    private final long maxBytes;

    private final Duration timeout;

    @Autowired
    SafeFileFetcher(ImportProperties properties, @Value("${MicrosoftAppId:}") String appId) {
        this(new FetchPolicy(appId.isBlank(), properties.allowedHosts(), properties.allowPrivateAddresses(),
                InetAddress::getAllByName), DefaultTls::socketFactory, properties.maxFileSize(),
                properties.fetchTimeout());
    }

    SafeFileFetcher(FetchPolicy policy, Supplier<SSLSocketFactory> tls, DataSize maxFileSize, Duration timeout) {
        this.policy = policy;
        this.tls = tls;
        this.maxBytes = maxFileSize.toBytes();
        this.timeout = timeout;
    }

    /**
     * Refuses (with a message for people) a URL LUX would not fetch; nothing is
     * contacted.
     */
    public void check(String url) {
        policy.check(url);
    }

    /** The file behind {@code url}, downloaded when the import opens it. */
    public ImportSource source(String url) {
        check(url);
        return () -> open(url);
    }

    /**
     * Downloads {@code url}; the stream refuses to go past the size cap or the deadline.
     */
    public InputStream open(String url) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = URI.create(url.strip());
        FetchPolicy.Target target = policy.check(url);
        for (int hop = 0;; hop++) {
            FetchPolicy.Target resolved = policy.resolve(target);
            Socket socket = connect(resolved, deadline);
            boolean handedOver = false;
            try {
                BufferedInputStream in = new BufferedInputStream(new FetchedStream(socket, deadline, shown(timeout)),
                        8192);
                socket.getOutputStream().write(request(resolved));
                socket.getOutputStream().flush();
                Head head = Head.read(in);
                if (head.redirect()) {
                    String location = head.headers().get("location");
                    if (hop >= MAX_REDIRECTS || location == null) {
                        throw FetchPolicy.refused(hop >= MAX_REDIRECTS
                                ? "redirects more than " + MAX_REDIRECTS + " times" : "redirects without saying where");
                    }
                    current = next(current, location);
                    FetchPolicy.Target next = policy.check(current.toString());
                    if (!next.host().equals(target.host()) || next.port() != target.port()
                            || next.https() != target.https()) {
                        throw FetchPolicy.refused("redirects to another host");
                    }
                    target = next;
                    continue;
                }
                if (head.status() != 200) {
                    throw new ImportRefusedException("Downloading the file answered HTTP " + head.status()
                            + ". Attach the file " + "again (Teams download links expire after a while).");
                }
                long length = head.contentLength();
                if (length > maxBytes) {
                    throw FetchedBody.tooLarge(shown(maxBytes));
                }
                InputStream body = new FetchedBody(in, head.chunked() ? -1 : length, head.chunked(), maxBytes,
                        shown(maxBytes));
                handedOver = true;
                return body;
            }
            catch (IOException e) {
                throw new ImportRefusedException("The connection to " + target.host()
                        + " broke while asking for the file. " + "Attach the file again, or upload it in the console.");
            }
            finally {
                if (!handedOver) {
                    socket.close();
                }
            }
        }
    }

    private Socket connect(FetchPolicy.Target target, long deadline) {
        Socket socket = new Socket();
        try {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            socket.connect(new InetSocketAddress(target.address(), target.port()),
                    (int) Math.min(CONNECT_MILLIS, left));
            if (!target.https()) {
                return socket;
            }
            SSLSocket ssl = (SSLSocket) tls.get().createSocket(socket, target.host(), target.port(), true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate
                                                                    // must name the host,
                                                                    // not the address
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(
                    (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000)));
            ssl.startHandshake();
            return ssl;
        }
        catch (IOException e) {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // already broken
            }
            throw new ImportRefusedException("LUX could not reach " + target.host() + " securely to download the file. "
                    + "Try again later, or upload the file in the console.");
        }
    }

    private static byte[] request(FetchPolicy.Target target) {
        return ("GET " + target.pathAndQuery() + " HTTP/1.1\r\nHost: " + target.hostHeader() + "\r\nUser-Agent: LUX\r\n"
                + "Accept: */*\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static URI next(URI current, String location) {
        try {
            return current.resolve(new URI(location.strip()));
        }
        catch (Exception e) {
            throw FetchPolicy.refused("redirects to an address that is not valid");
        }
    }

    static String shown(long bytes) {
        return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB"
                : bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    private static String shown(Duration d) {
        return d.toMillis() % 60_000 == 0 ? d.toMinutes() + " minutes"
                : d.toMillis() % 1000 == 0 ? d.toSeconds() + " seconds" : d.toMillis() + " ms";
    }

    /** The status line and headers of a response, read with a size limit. */
    record Head(int status, Map<String, String> headers) {
        boolean redirect() {
            return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        }

        boolean chunked() {
            return headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        }

        /** -1 when not given (the body then ends with the connection). */
        long contentLength() {
            String value = headers.get("content-length");
            if (value == null || chunked()) {
                return -1;
            }
            try {
                long length = Long.parseLong(value.strip());
                if (length < 0) {
                    throw new NumberFormatException();
                }
                return length;
            }
            catch (NumberFormatException e) {
                throw new ImportRefusedException("The server sent the file in a broken format. Attach the file again.");
            }
        }

        static Head read(InputStream in) throws IOException {
            byte[] bytes = new byte[MAX_HEAD_BYTES];
            int n = 0;
            while (n < 4 || !(bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r'
                    && bytes[n - 1] == '\n')) {
                int b = in.read();
                if (b < 0 || n == bytes.length) {
                    throw new ImportRefusedException("The server did not answer with a file. Attach the file again.");
                }
                bytes[n++] = (byte) b;
            }
            String[] lines = new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("[0-9]{3}")) {
                throw new ImportRefusedException("The server did not answer with a file. Attach the file again.");
            }
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    String value = lines[i].substring(colon + 1).strip();
                    String before = headers.put(name, value);
                    if (name.equals("content-length") && before != null && !before.equals(value)) {
                        throw new ImportRefusedException(
                                "The server sent the file in a broken format. Attach the file again.");
                    }
                }
            }
            return new Head(Integer.parseInt(statusLine[1]), headers);
        }
    }

}
