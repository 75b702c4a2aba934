package lux.signup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed values for the public routes: the stamp a form carries (which form, when it was
 * shown), the sign-up confirmation link (which pending sign-up, until when) and the
 * preference centre's erasure link (which contact, until when). {@code payload.hmac},
 * both base64url; anything altered or made up fails verification.
 */
public final class SignupTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final int MAX_TOKEN = 200;

    private final SecretKeySpec key;

    /**
     * A verified value: what it is about ({@code id}) and its time (shown at, or valid
     * until).
     */
    public record Signed(long id, Instant at) {
    }

    public SignupTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("The sign-up signing key must be at least 16 bytes.");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String stamp(long formId, Instant shownAt) {
        return sign("stamp", formId, shownAt);
    }

    public Optional<Signed> verifyStamp(String token) {
        return verify("stamp", token);
    }

    public String confirmation(long pendingId, Instant validUntil) {
        return sign("confirm", pendingId, validUntil);
    }

    public Optional<Signed> verifyConfirmation(String token) {
        return verify("confirm", token);
    }

    public String erasure(long contactId, Instant validUntil) {
        return sign("erase", contactId, validUntil);
    }

    public Optional<Signed> verifyErasure(String token) {
        return verify("erase", token);
    }

    private String sign(String purpose, long id, Instant at) {
        String payload = id + ":" + at.toEpochMilli();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
                + ENCODER.encodeToString(mac(purpose, payload));
    }

    private Optional<Signed> verify(String purpose, String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.US_ASCII);
            byte[] given = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(purpose, payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split(":");
            return Optional.of(new Signed(Long.parseLong(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1]))));
        }
        catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String purpose, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // the purpose is signed too: a stamp is never a confirmation link
            return mac.doFinal((purpose + "|" + payload).getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

}
