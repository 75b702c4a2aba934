package lux.teams;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;

/**
 * Local mode (no MicrosoftAppId) authenticates nobody and acts as the first admin, so it
 * stays on this machine: the server listens on loopback unless the operator names
 * {@code server.address} AND sets {@code lux.teams.local-mode-remote=true}; a
 * non-loopback {@code server.address} without that opt-in stops the start. Whatever the
 * address, {@code /api/messages} only answers TCP peers on loopback: the valve records
 * the socket's peer ({@link Request#getPeerAddr()}, which X-Forwarded-For, the
 * RemoteIpValve and Spring's ForwardedHeaderFilter cannot change) for
 * {@link #fromLoopback(HttpServletRequest)}.
 */
class LocalModeServer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String PEER = LocalModeServer.class.getName() + ".peer";

    private static final Logger log = LoggerFactory.getLogger(LocalModeServer.class);

    private final Environment environment;

    private final boolean remoteAllowed;

    LocalModeServer(Environment environment, TeamsProperties properties) {
        this.environment = environment;
        this.remoteAllowed = properties.localModeRemote();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(new PeerValve());
        String configured = environment.getProperty("server.address");
        if (configured == null || configured.isBlank()) {
            factory.setAddress(InetAddress.getLoopbackAddress());
            log.info("Local mode: listening on loopback {} only (set MicrosoftAppId for Teams)",
                    InetAddress.getLoopbackAddress().getHostAddress());
            return;
        }
        InetAddress address = resolve(configured);
        if (address.isLoopbackAddress()) {
            return;
        }
        if (!remoteAllowed) {
            throw new IllegalStateException(
                    "LUX runs in local mode (no MicrosoftAppId), which authenticates nobody, but " + "server.address="
                            + configured + " is not a loopback address. Remove server.address (LUX then listens on "
                            + "127.0.0.1), set MicrosoftAppId for Teams, or, knowing the console and tracking routes are then reachable "
                            + "from the network, set lux.teams.local-mode-remote=true.");
        }
        log.warn("""

                ****************************************************************************************
                 LOCAL MODE LISTENS ON {} (lux.teams.local-mode-remote=true): the console, API and
                 tracking routes are reachable from the network. /api/messages still only answers
                 requests from this machine. Set MicrosoftAppId before exposing LUX to anyone.
                ****************************************************************************************""",
                configured);
    }

    /**
     * The TCP peer of a request to /api/messages is this machine (the socket's address,
     * not forwarded headers).
     */
    static boolean fromLoopback(HttpServletRequest request) {
        Object peer = request.getAttribute(PEER);
        String address = peer instanceof String s ? s : request.getRemoteAddr();
        try {
            // only literal addresses come from the socket; nothing here resolves a name
            return address != null && (address.matches("[0-9.]+") || address.contains(":"))
                    && InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private static InetAddress resolve(String configured) {
        try {
            return InetAddress.getByName(configured.strip());
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException("server.address=" + configured + " is not an address of this machine", e);
        }
    }

    /**
     * Records the connection's peer before any forwarded-header handling runs in the
     * servlet filters.
     */
    private static final class PeerValve extends ValveBase {

        PeerValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            request.setAttribute(PEER, request.getPeerAddr());
            getNext().invoke(request, response);
        }

    }

}
