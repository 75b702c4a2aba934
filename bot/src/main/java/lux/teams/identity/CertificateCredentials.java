package lux.teams.identity;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCertificate;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the certificate an app registration authenticates with: a PKCS#12 file (.pfx/.p12, with its password) or a
 * PEM file holding an unencrypted PKCS#8 private key and the certificate (chain), as Key Vault exports them.
 */
public final class CertificateCredentials {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private CertificateCredentials() {
    }

    /** @param setting the setting's name, so that errors tell the operator which file is wrong */
    public static IClientCertificate load(String path, String password, String setting) {
        Path file = Path.of(path.strip());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (Exception e) {
            throw new IllegalStateException(setting + " names " + file + ", which cannot be read: " + e.getMessage(), e);
        }
        try {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN ")) {
                return fromPem(text, setting, file);
            }
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                return ClientCredentialFactory.createFromCertificate(in, password == null ? "" : password);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(setting + " (" + file + ") is not a PKCS#12 file LUX can open with the given "
                    + "password, nor a PEM file: " + e.getMessage(), e);
        }
    }

    private static IClientCertificate fromPem(String text, String setting, Path file) throws Exception {
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "CERTIFICATE" -> chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                case "PRIVATE KEY" -> key = privateKey(der);
                default -> throw new IllegalStateException(setting + " (" + file + ") holds a '" + m.group(1) + "' block: LUX "
                        + "reads an unencrypted PKCS#8 key ('PRIVATE KEY'); convert it with `openssl pkcs8 -topk8 -nocrypt`, "
                        + "or give a PKCS#12 file and its password");
            }
        }
        if (key == null || chain.isEmpty()) {
            throw new IllegalStateException(setting + " (" + file + ") must hold both a 'PRIVATE KEY' and a 'CERTIFICATE' block");
        }
        return ClientCredentialFactory.createFromCertificateChain(key, chain);
    }

    /** Entra ID signs client assertions with RSA keys only. */
    private static PrivateKey privateKey(byte[] der) throws Exception {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
