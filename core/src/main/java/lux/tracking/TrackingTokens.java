package lux.tracking;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact signed tokens: base64url of (kind, campaign, recipient, link as varints) plus a
 * 10-byte HMAC-SHA256. Anything altered, truncated or made up fails verification and is
 * treated as not found.
 */
public final class TrackingTokens {

    static final int MAC_BYTES = 10;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /**
     * Mac.getInstance looks up the provider each time; every request thread keeps one
     * initialised Mac instead.
     */
    private final ThreadLocal<Mac> macs;

    public TrackingTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("The tracking signing key must be at least 16 bytes.");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String sign(TokenKind kind, long campaignId, long recipientId, long linkId) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(24);
        payload.write(kind.ordinal());
        writeVarLong(payload, campaignId);
        writeVarLong(payload, recipientId);
        if (kind == TokenKind.CLICK) {
            writeVarLong(payload, linkId);
        }
        byte[] body = payload.toByteArray();
        byte[] token = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(mac(body), 0, token, body.length, MAC_BYTES);
        return ENCODER.encodeToString(token);
    }

    public Optional<TrackingToken> verify(TokenKind expected, String token) {
        if (token == null || token.isEmpty() || token.length() > 64) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < MAC_BYTES + 3) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] given = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        if (!MessageDigest.isEqual(given, Arrays.copyOf(mac(body), MAC_BYTES))) {
            return Optional.empty();
        }
        if (body[0] != expected.ordinal()) {
            return Optional.empty();
        }
        long[] read = new long[3];
        int pos = 1;
        int fields = expected == TokenKind.CLICK ? 3 : 2;
        for (int i = 0; i < fields; i++) {
            long value = 0;
            int shift = 0;
            while (true) {
                if (pos >= body.length || shift > 63) {
                    return Optional.empty();
                }
                byte b = body[pos++];
                value |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            read[i] = value;
        }
        if (pos != body.length) {
            return Optional.empty();
        }
        return Optional.of(new TrackingToken(expected, read[0], read[1], expected == TokenKind.CLICK ? read[2] : 0));
    }

    private byte[] mac(byte[] body) {
        return macs.get().doFinal(body); // doFinal resets the Mac for the next use
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static void writeVarLong(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

}
