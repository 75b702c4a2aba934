package lux.shared;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the certificate an Entra app registration authenticates with (instead of a client
 * secret): a PKCS#12 file (.pfx/.p12, with its password) or a PEM file holding an
 * unencrypted PKCS#8 RSA key and the certificate (chain), as Azure Key Vault exports
 * them. Errors name the setting and say what to do; they never print the password.
 */
public final class CertificateFiles {

    private static final Pattern PEM = Pattern
        .compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    /** The private key and its certificate chain, leaf first. */
    public record ClientCertificate(PrivateKey key, List<X509Certificate> chain) {
        @Override
        public String toString() {
            return "ClientCertificate[" + chain.get(0).getSubjectX500Principal() + "]";
        }
    }

    private CertificateFiles() {
    }

    /**
     * @param setting the setting that named the file, for the error message
     */
    public static ClientCertificate load(String path, String password, String setting) {
        Path file = Path.of(path.strip());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        }
        catch (Exception e) {
            throw new IllegalStateException(setting + " names " + file + ", which cannot be read: " + e, e);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        try {
            return text.contains("-----BEGIN ") ? fromPem(text, setting, file)
                    : fromPkcs12(bytes, password, setting, file);
        }
        catch (IllegalStateException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IllegalStateException(setting + " (" + file + ") could not be read as "
                    + (text.contains("-----BEGIN ") ? "PEM" : "PKCS#12 with the given password") + ": "
                    + e.getMessage(), e);
        }
    }

    private static ClientCertificate fromPkcs12(byte[] bytes, String password, String setting, Path file)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] secret = password == null ? new char[0] : password.toCharArray();
        store.load(new ByteArrayInputStream(bytes), secret);
        for (String alias : Collections.list(store.aliases())) {
            Key key = store.isKeyEntry(alias) ? store.getKey(alias, secret) : null;
            if (key instanceof PrivateKey privateKey) {
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                return new ClientCertificate(privateKey, chain);
            }
        }
        throw new IllegalStateException(
                setting + " (" + file + ") holds no private key: export the certificate with its key");
    }

    private static ClientCertificate fromPem(String text, String setting, Path file) throws Exception {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "CERTIFICATE" ->
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                // Entra ID signs client assertions with RSA keys only.
                case "PRIVATE KEY" -> key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
                default -> throw new IllegalStateException(setting + " (" + file + ") holds a '" + m.group(1)
                        + "' block: LUX reads "
                        + "an unencrypted PKCS#8 key ('PRIVATE KEY'); convert it with `openssl pkcs8 -topk8 -nocrypt`, or give a "
                        + "PKCS#12 file and its password");
            }
        }
        if (key == null || chain.isEmpty()) {
            throw new IllegalStateException(
                    setting + " (" + file + ") must hold both a 'PRIVATE KEY' and a 'CERTIFICATE' block");
        }
        return new ClientCertificate(key, chain);
    }

}
