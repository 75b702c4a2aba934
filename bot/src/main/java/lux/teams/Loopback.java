package lux.teams;

import java.net.InetAddress;
import java.net.URI;

/** Whether a URL points at this machine; local mode talks to nothing else. */
final class Loopback {

    private Loopback() {
    }

    static boolean isLoopbackUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (host == null || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return false;
            }
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            // Only literal addresses: a name could resolve anywhere later.
            if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
                return false;
            }
            return InetAddress.getByName(bare).isLoopbackAddress();
        }
        catch (Exception e) {
            return false;
        }
    }

}
