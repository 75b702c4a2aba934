package lux.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import lux.testsupport.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Local mode stays on this machine: the server listens on loopback only, /api/messages
 * refuses TCP peers that are not loopback (whatever X-Forwarded-For says), a non-loopback
 * server.address needs the explicit opt-in, and bodies over lux.teams.max-body get 413 at
 * once, without LUX reading them, by Content-Length or chunked.
 */
@DatabaseTest
@SpringBootTest(classes = BotTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "lux.delivery.enabled=false")
class LocalModeServerTest {

    static final long HUGE = 300L * 1024 * 1024;
    static final String ACTIVITY = Activities
        .message("http://127.0.0.1:9/", "conv-x", "00000000-0000-0000-0000-0000000000ff", "help")
        .toString();

    @LocalServerPort
    int port;

    @Test
    void listensOnLoopbackOnly() throws Exception {
        List<String> listening = listeningAddresses(port);
        assertThat(listening).isNotEmpty()
            .allSatisfy(a -> assertThat(a).isIn("0100007F", // 127.0.0.1, then ::1 and
                                                            // ::ffff:127.0.0.1 as
                                                            // /proc/net/tcp6 lists them
                    "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"));
        Optional<InetAddress> external = externalAddress();
        if (external.isPresent()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), port), 2000))
                    .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void a300MegabyteBodyWithContentLengthGets413AtOnceAndIsNotRead() throws Exception {
        Sent sent = postHuge("Content-Length: " + HUGE, false);
        assertThat(sent.statusLine()).isEqualTo("HTTP/1.1 413 ");
        assertThat(sent.millis()).isLessThan(5000);
        assertThat(sent.written()).as("bytes the client managed to send").isLessThan(HUGE / 4);
        assertThat(sent.heapGrowth()).as("heap growth").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void a300MegabyteChunkedBodyGets413AtTheLimitAndIsNotReadFurther() throws Exception {
        Sent sent = postHuge("Transfer-Encoding: chunked", true);
        assertThat(sent.statusLine()).isEqualTo("HTTP/1.1 413 ");
        assertThat(sent.millis()).isLessThan(5000);
        assertThat(sent.written()).as("bytes the client managed to send").isLessThan(HUGE / 4);
        assertThat(sent.heapGrowth()).as("heap growth").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aBodyUnderTheLimitStillWorksChunked() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            byte[] body = "{\"type\":\"\"}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length)
                    + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // read and parsed: an Activity without a type is a 400, not a 413
            assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 400 ");
        }
    }

    @Test
    void aPeerThatIsNotLoopbackIsRefusedWhateverItsHeadersSay() throws Exception {
        Optional<InetAddress> external = externalAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to test from");
        String address = external.get().getHostAddress();
        try (ConfigurableApplicationContext remote = start("server.address=" + address,
                "lux.teams.local-mode-remote=true")) {
            int remotePort = Integer.parseInt(remote.getEnvironment().getProperty("local.server.port"));
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(external.get(), 0));
                socket.connect(new InetSocketAddress(external.get(), remotePort), 5000);
                byte[] body = ACTIVITY.getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream()
                    .write(("POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "X-Forwarded-For: 127.0.0.1\r\nForwarded: for=127.0.0.1\r\nX-Real-IP: 127.0.0.1\r\n"
                            + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 403 ").contains("only answers requests from this machine");
            }
        }
    }

    @Test
    void aNonLoopbackAddressWithoutTheOptInStopsTheStart() throws Exception {
        Optional<InetAddress> external = externalAddress();
        String address = external.map(InetAddress::getHostAddress).orElse("0.0.0.0");
        assertThatThrownBy(() -> start("server.address=" + address).close())
            .hasStackTraceContaining("lux.teams.local-mode-remote=true")
            .hasStackTraceContaining("not a loopback address");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "lux.delivery.enabled=false",
                "spring.main.banner-mode=off", "spring.datasource.url=jdbc:h2:mem:local-mode-" + System.nanoTime()
                        + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "MicrosoftAppId="));
        all.addAll(List.of(properties));
        // as arguments, not default properties: those lose to the configuration files (a
        // file database under ./data)
        return new SpringApplicationBuilder(BotTestApplication.class)
            .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    record Sent(String statusLine, long millis, long written, long heapGrowth) {
    }

    /**
     * Sends headers, then streams the body on another thread until the server stops it;
     * returns when LUX answers.
     */
    private Sent postHuge(String lengthHeader, boolean chunked) throws Exception {
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        AtomicLong written = new AtomicLong();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + lengthHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                byte[] block = new byte[64 * 1024];
                java.util.Arrays.fill(block, (byte) ' ');
                try {
                    while (written.get() < HUGE) {
                        if (chunked) {
                            out.write((Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(block);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        written.addAndGet(block.length);
                    }
                }
                catch (IOException closedByServer) {
                    // expected: LUX answered and closed the connection
                }
            });
            writer.setDaemon(true);
            writer.start();
            String status = statusLine(socket);
            long millis = (System.nanoTime() - start) / 1_000_000;
            socket.close();
            writer.join(10_000);
            return new Sent(status, millis, written.get(), usedHeap() - heapBefore);
        }
    }

    private static String statusLine(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        return line == null ? "" : line.substring(0, Math.min(line.length(), 13));
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Local addresses (hex, as the kernel lists them) of sockets listening on the port,
     * from /proc/net/tcp and tcp6.
     */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(":%04X", port);
        for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
            Path file = Path.of(table);
            assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc/net/tcp");
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) { // 0A =
                                                                                   // LISTEN
                    addresses.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

}
