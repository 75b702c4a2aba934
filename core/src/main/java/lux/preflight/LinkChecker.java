package lux.preflight;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import lux.shared.NetworkAddresses;

/**
 * Asks whether one link resolves: {@code HEAD} from the server, within a short deadline,
 * connected to the address that was checked (no second lookup), to public addresses only
 * unless private ones are allowed, following up to three redirects (each checked again).
 * Plain HTTP/1.1 over a socket, as {@code SafeFileFetcher} does, because the JDK client
 * cannot pin the address it connects to. Only the status line is read; nothing of the
 * answer is repeated.
 */
class LinkChecker {

    static final int MAX_REDIRECTS = 3;

    /** What became of one link: {@code problem} is null when it resolved. */
    record Result(String url, String problem) {
    }

    @FunctionalInterface
    interface Resolver {

        InetAddress[] resolve(String host) throws UnknownHostException;

    }

    private final Duration timeout;

    private final boolean allowPrivate;

    private final Resolver resolver;

    /**
     * Asked for on the first https link: the JVM's default TLS context parses its trust
     * store when first made, half a second that no start should pay.
     */
    private final Supplier<SSLSocketFactory> tls;

    LinkChecker(Duration timeout, boolean allowPrivate, Resolver resolver, Supplier<SSLSocketFactory> tls) {
        this.timeout = timeout;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.tls = tls;
    }

    Result check(String url) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current;
        try {
            current = new URI(url);
        }
        catch (URISyntaxException e) {
            return new Result(url, "is not a valid web address");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            String scheme = current.getScheme() == null ? "" : current.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || current.getHost() == null) {
                return new Result(url, "is not an http or https address");
            }
            InetAddress address;
            try {
                InetAddress[] all = resolver.resolve(current.getHost());
                for (InetAddress a : all) {
                    if (!allowPrivate && !NetworkAddresses.isPublic(a)) {
                        return new Result(url,
                                "leads to a private or internal network address, which LUX does not check "
                                        + "(lux.preflight.links.allow-private-addresses)");
                    }
                }
                address = all[0];
            }
            catch (UnknownHostException | ArrayIndexOutOfBoundsException e) {
                return new Result(url, "names a host that does not exist");
            }
            String head;
            try {
                head = statusLineAndLocation(current, scheme.equals("https"), address, deadline);
            }
            catch (SocketTimeoutException e) {
                return new Result(url, "did not answer within " + timeout.toMillis() + " ms");
            }
            catch (IOException e) {
                return new Result(url, "could not be reached");
            }
            int status = status(head);
            if (status >= 300 && status < 400 && location(head) != null) {
                try {
                    current = current.resolve(location(head));
                    continue;
                }
                catch (IllegalArgumentException e) {
                    return new Result(url, "redirects to an invalid address");
                }
            }
            // a server that refuses HEAD (405, 501) is up; the link itself is checked by
            // the people who click it
            return status >= 200 && status < 400 || status == 405 || status == 501 ? new Result(url, null)
                    : new Result(url, status < 0 ? "gave no HTTP answer" : "answered " + status);
        }
        return new Result(url, "redirects more than " + MAX_REDIRECTS + " times");
    }

    private String statusLineAndLocation(URI uri, boolean https, InetAddress address, long deadline)
            throws IOException {
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), remaining(deadline));
            plain.setSoTimeout(remaining(deadline));
            Socket socket = plain;
            if (https) {
                SSLSocket secure = (SSLSocket) tls.get().createSocket(plain, uri.getHost(), port, true);
                SSLParameters params = secure.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(params);
                socket = secure;
            }
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String host = port == (https ? 443 : 80) ? uri.getHost() : uri.getHost() + ":" + port;
            socket.getOutputStream()
                .write(("HEAD " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: LUX-preflight\r\n"
                        + "Accept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readHead(socket.getInputStream(), socket, deadline);
        }
    }

    /**
     * The response head, up to 16 KB, the socket's read timeout shrinking to the
     * deadline.
     */
    private String readHead(InputStream in, Socket socket, long deadline) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 16_384 && head.indexOf("\r\n\r\n") < 0) {
            socket.setSoTimeout(remaining(deadline));
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long millis = (deadline - System.nanoTime()) / 1_000_000;
        if (millis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static int status(String head) {
        String[] parts = head.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1].strip());
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String location(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("location:")) {
                return line.substring("location:".length()).strip();
            }
        }
        return null;
    }

}
