package lux.shared;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The JVM's default TLS socket factory, asked for when a connection needs it. Making the
 * default TLS context parses the JVM's trust store (0.4-0.6 s of a cold start on the main
 * thread, docs/benchmarks.md "Start-up"), so no bean should make it while LUX starts.
 */
public final class DefaultTls {

    private DefaultTls() {
    }

    public static SSLSocketFactory socketFactory() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no default TLS context", e);
        }
    }

}
