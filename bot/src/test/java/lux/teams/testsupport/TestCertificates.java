package lux.teams.testsupport;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A fresh self-signed RSA certificate made by the JDK's own keytool (Java has no public
 * API to create one): a TLS identity for the HTTPS doubles (SAN 127.0.0.1 and localhost)
 * or a client certificate for an app registration. Written to a temporary PKCS#12 file,
 * which is also a trust store that trusts exactly this certificate.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private final Path pkcs12;

    private final KeyStore store;

    private TestCertificates(Path pkcs12, KeyStore store) {
        this.pkcs12 = pkcs12;
        this.store = store;
    }

    /** A certificate for {@code CN=name}, valid for two days. */
    public static TestCertificates create(String name) {
        try {
            Path dir = Files.createTempDirectory("lux-test-cert");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name + ".p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "lux", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
                    "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
                    file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true)
                .start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            file.toFile().deleteOnExit();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD.toCharArray());
            }
            return new TestCertificates(file, store);
        }
        catch (Exception e) {
            throw new IllegalStateException("could not create a test certificate", e);
        }
    }

    public Path pkcs12() {
        return pkcs12;
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) store.getCertificate("lux");
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        try {
            return (PrivateKey) store.getKey("lux", PASSWORD.toCharArray());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same key and certificate as a PEM file (unencrypted PKCS#8 key, then the
     * certificate), as Key Vault exports.
     */
    public Path pem() {
        try {
            Path file = pkcs12.resolveSibling(pkcs12.getFileName().toString().replace(".p12", ".pem"));
            Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Files.writeString(file,
                    "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(privateKey().getEncoded())
                            + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
                            + mime.encodeToString(certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
            file.toFile().deleteOnExit();
            return file;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** For an HTTPS server presenting this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, new SecureRandom());
            return tls;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** For a client that trusts this certificate and nothing else. */
    public SSLContext trustingContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("lux-test", certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, factory.getTrustManagers(), new SecureRandom());
            return tls;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A trust store file holding only this certificate, for
     * {@code -Djavax.net.ssl.trustStore} of a started jar.
     */
    public Path trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("lux-test", certificate());
            Path file = pkcs12.resolveSibling("truststore.p12");
            try (var out = Files.newOutputStream(file)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            file.toFile().deleteOnExit();
            return file;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
