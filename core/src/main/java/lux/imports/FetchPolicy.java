package lux.imports;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import lux.shared.NetworkAddresses;

/**
 * Which URLs LUX may download a file from. Local mode: this machine only (http or https).
 * Otherwise: https, a host on the allow-list, and every address the name resolves to
 * public (unless private addresses are allowed), so a link cannot point LUX at its own
 * network. The address checked is the one connected to (no second lookup).
 */
final class FetchPolicy {

    /** A checked URL: where to connect and what to ask for. */
    record Target(boolean https, String host, int port, String pathAndQuery, InetAddress address) {
        String hostHeader() {
            String name = host.contains(":") ? "[" + host + "]" : host;
            return port == (https ? 443 : 80) ? name : name + ":" + port;
        }
    }

    /** Name resolution, a seam only so the same check runs whatever resolves names. */
    @FunctionalInterface
    interface Resolver {

        InetAddress[] resolve(String host) throws UnknownHostException;

    }

    private final boolean localMode;

    private final List<String> allowedHosts;

    private final boolean allowPrivate;

    private final Resolver resolver;

    FetchPolicy(boolean localMode, List<String> allowedHosts, boolean allowPrivate, Resolver resolver) {
        this.localMode = localMode;
        this.allowedHosts = allowedHosts.stream()
            .map(h -> h.strip().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .toList();
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    boolean localMode() {
        return localMode;
    }

    /**
     * Checks the URL without connecting; returns its normalised parts (address not yet
     * resolved).
     */
    Target check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        }
        catch (URISyntaxException e) {
            throw refused("is not a valid web address");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && localMode)) {
            throw refused(localMode ? "is not an http or https address" : "is not an https address");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refused("has no plain host name");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (localMode ? !isLoopbackName(host) : !allowed(host)) {
            throw refused(localMode ? "is not on this machine (local mode only reads files from this machine)"
                    : "is not on a host Teams, SharePoint or OneDrive serves files from (lux.imports.allowed-hosts)");
        }
        int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Target(scheme.equals("https"), host, port, path + query, null);
    }

    /**
     * Resolves the host once and checks every address; the result is what LUX connects
     * to.
     */
    Target resolve(Target target) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(target.host());
        }
        catch (UnknownHostException e) {
            throw refused("names a host that does not exist");
        }
        if (addresses.length == 0) {
            throw refused("names a host that does not exist");
        }
        for (InetAddress a : addresses) {
            if (localMode ? !a.isLoopbackAddress() : !allowPrivate && !isPublic(a)) {
                throw refused(localMode ? "is not on this machine (local mode only reads files from this machine)"
                        : "leads to a private or internal network address");
            }
        }
        return new Target(target.https(), target.host(), target.port(), target.pathAndQuery(), addresses[0]);
    }

    private boolean allowed(String host) {
        for (String entry : allowedHosts) {
            if (entry.startsWith("*.") ? host.endsWith(entry.substring(1)) && host.length() > entry.length() - 1
                    : host.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopbackName(String host) {
        return host.equals("localhost") || host.matches("127(\\.[0-9]{1,3}){3}") || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    /** Internet-routable (see {@link NetworkAddresses#isPublic}). */
    static boolean isPublic(InetAddress a) {
        return NetworkAddresses.isPublic(a);
    }

    static ImportRefusedException refused(String why) {
        return new ImportRefusedException("LUX cannot fetch this file: its address " + why
                + ". Attach the file again from " + "Teams, or upload it in the console.");
    }

}
