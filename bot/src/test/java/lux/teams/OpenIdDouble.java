package lux.teams;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The Bot Framework's OpenID metadata and signing keys on loopback, with the test's own key pair, so tests can
 * sign channel tokens exactly as the Bot Connector does (RS256, issuer https://api.botframework.com).
 */
final class OpenIdDouble implements AutoCloseable {
    static final String ISSUER = "https://api.botframework.com";
    static final String KID = "lux-test-key";
    private final HttpServer server;
    private final KeyPair keys = generate();
    private final KeyPair stranger = generate();

    OpenIdDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/openid", exchange -> respond(exchange, """
                {"issuer":"%s","jwks_uri":"%s/keys","id_token_signing_alg_values_supported":["RS256"],
                 "token_endpoint_auth_methods_supported":["private_key_jwt"]}""".formatted(ISSUER, base())));
        server.createContext("/keys", exchange -> {
            RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
            respond(exchange, """
                    {"keys":[{"kty":"RSA","use":"sig","kid":"%s","n":"%s","e":"%s","endorsements":["msteams","emulator"]}]}"""
                    .formatted(KID, b64(pub.getModulus()), b64(pub.getPublicExponent())));
        });
        server.start();
    }

    String metadataUrl() {
        return base() + "/openid";
    }

    /** A token as the channel would send it. */
    String token(String audience, String serviceUrl) {
        return sign(keys, audience, serviceUrl, ISSUER);
    }

    /** Same claims and key id, signed with a key the metadata does not publish. */
    String forgedToken(String audience, String serviceUrl) {
        return sign(stranger, audience, serviceUrl, ISSUER);
    }

    String tokenFromIssuer(String audience, String serviceUrl, String issuer) {
        return sign(keys, audience, serviceUrl, issuer);
    }

    private static String sign(KeyPair pair, String audience, String serviceUrl, String issuer) {
        Instant now = Instant.now();
        return JWT.create().withKeyId(KID).withIssuer(issuer).withAudience(audience)
                .withClaim("serviceurl", serviceUrl).withNotBefore(Date.from(now.minusSeconds(60)))
                .withIssuedAt(Date.from(now.minusSeconds(60))).withExpiresAt(Date.from(now.plusSeconds(3600)))
                .sign(Algorithm.RSA256((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate()));
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
