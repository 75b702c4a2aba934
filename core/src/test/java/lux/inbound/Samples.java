package lux.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The .eml samples under src/test/resources/lux/inbound, optionally with their LUX ids
 * and token replaced.
 */
public final class Samples {

    private Samples() {
    }

    public static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/lux/inbound/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String name) {
        return text(name).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The sample with its LUX message id pointing at
     * {@code campaignId}/{@code recipientId} and its address at {@code email}.
     */
    public static byte[] aimedAt(String name, String sampleId, String sampleEmail, long campaignId, long recipientId,
            String email) {
        return text(name).replace(sampleId, "lux-c" + campaignId + "-r" + recipientId)
            .replace(sampleEmail, email)
            .getBytes(StandardCharsets.UTF_8);
    }

}
