package lux.teams.testsupport;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The Bot Framework's OpenID metadata and signing keys (JWKS with endorsements) on
 * loopback, with the test's own RSA key, so tests sign channel tokens exactly as the Bot
 * Connector does: RS256, issuer https://api.botframework.com, audience = the bot's app
 * id, a serviceurl claim. Point {@code lux.teams.openid-metadata-url} at
 * {@link #metadataUrl()}.
 */
public final class BotFrameworkDouble implements AutoCloseable {

    public static final String ISSUER = "https://api.botframework.com";

    public static final String KID = "lux-test-key";

    private final HttpServer server;

    private final KeyPair keys = rsa();

    private final KeyPair stranger = rsa();

    private final AtomicInteger keyRequests = new AtomicInteger();

    /**
     * @param endorsements the channels the published key is endorsed for; Teams keys
     * carry "msteams"
     */
    public BotFrameworkDouble(String... endorsements) {
        String[] endorsed = endorsements.length == 0 ? new String[] { "msteams" } : endorsements;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/.well-known/openidconfiguration",
                exchange -> respond(exchange,
                        """
                                {"issuer":"%s","authorization_endpoint":"https://invalid.botframework.com","jwks_uri":"%s/v1/.well-known/keys",
                                 "id_token_signing_alg_values_supported":["RS256"],"token_endpoint_auth_methods_supported":["private_key_jwt"]}"""
                            .formatted(ISSUER, base())));
        server.createContext("/v1/.well-known/keys", exchange -> {
            keyRequests.incrementAndGet();
            RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
            String endorsementsJson = Arrays.stream(endorsed)
                .map(e -> "\"" + e + "\"")
                .collect(Collectors.joining(","));
            respond(exchange, """
                    {"keys":[{"kty":"RSA","use":"sig","kid":"%s","n":"%s","e":"%s","endorsements":[%s]}]}"""
                .formatted(KID, b64(pub.getModulus()), b64(pub.getPublicExponent()), endorsementsJson));
        });
        server.start();
    }

    public String metadataUrl() {
        return base() + "/v1/.well-known/openidconfiguration";
    }

    /** How often the JWKS was fetched (the SDK caches it). */
    public int keyRequests() {
        return keyRequests.get();
    }

    /**
     * A channel token as the Bot Connector sends it; change what the test needs, then
     * {@link ChannelToken#sign()}.
     */
    public ChannelToken token(String audience, String serviceUrl) {
        return new ChannelToken(audience, serviceUrl);
    }

    /**
     * A token under construction: claims and key can be changed to make the forgeries
     * tests refuse.
     */
    public final class ChannelToken {

        private String issuer = ISSUER;

        private final String audience;

        private final String serviceUrl;

        private Instant notBefore = Instant.now().minusSeconds(60);

        private Instant expiresAt = Instant.now().plusSeconds(3600);

        private final Map<String, String> claims = new LinkedHashMap<>();

        private KeyPair signer = keys;

        private ChannelToken(String audience, String serviceUrl) {
            this.audience = audience;
            this.serviceUrl = serviceUrl;
        }

        public ChannelToken issuer(String value) {
            issuer = value;
            return this;
        }

        /** Also moves not-before, so an expired token is otherwise well-formed. */
        public ChannelToken expiresAt(Instant value) {
            expiresAt = value;
            notBefore = value.minusSeconds(3600);
            return this;
        }

        public ChannelToken claim(String name, String value) {
            claims.put(name, value);
            return this;
        }

        /**
         * The claims of a skill (bot-to-bot) call: a version claim and another bot's app
         * id.
         */
        public ChannelToken fromSkill(String callerAppId) {
            return claim("ver", "1.0").claim("appid", callerAppId);
        }

        /** Same key id, but signed with a key the metadata does not publish. */
        public ChannelToken signedByUnknownKey() {
            signer = stranger;
            return this;
        }

        public String sign() {
            JWTCreator.Builder jwt = JWT.create()
                .withKeyId(KID)
                .withIssuer(issuer)
                .withAudience(audience)
                .withNotBefore(Date.from(notBefore))
                .withIssuedAt(Date.from(notBefore))
                .withExpiresAt(Date.from(expiresAt));
            if (serviceUrl != null) {
                jwt.withClaim("serviceurl", serviceUrl);
            }
            claims.forEach(jwt::withClaim);
            return jwt.sign(Algorithm.RSA256((RSAPublicKey) signer.getPublic(), (RSAPrivateKey) signer.getPrivate()));
        }

        public String bearer() {
            return "Bearer " + sign();
        }

    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
