package lux.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lux.shared.EmailAddress;
import lux.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The import's hand-written address check gives exactly what
 * {@link EmailAddress#normalise} gives, errors included.
 */
class FastAddressTest {

    @Test
    void agreesWithEmailAddressOnEdgeCases() {
        List<String> cases = List.of("ada@example.com", "Ada@Example.COM", "a.b.c@x.y", ".a@x.y", "a.@x.y", "a..b@x.y",
                "a@x", "a@x.", "a@.x.y", "a@x..y", "a@-x.y", "a@x-.y", "a@x.1y", "a@x.y1", "a@x.y-", "a@1.2.com",
                "a@b@c.com", "@x.y", "a@", "o'brien+news@mail.example.org", "\"q\"@x.y", "a b@x.y", "a\t@x.y",
                "jürgen@example.de", "Zoë@Example.de", "x".repeat(64) + "@x.y", "x".repeat(65) + "@x.y",
                "a@" + "l".repeat(63) + ".com", "a@" + "l".repeat(64) + ".com", "a@" + ("abc.".repeat(80)) + "com",
                "a@x.y\n", "{}|~@x.yz", "a@x_y.com", "A@B.C", "");
        for (String raw : cases) {
            assertThat(outcome(() -> FastAddress.normalise(raw))).as(raw)
                .isEqualTo(outcome(() -> EmailAddress.normalise(raw)));
        }
    }

    @Test
    void agreesWithEmailAddressOnRandomAddresses() {
        Random random = new Random(42);
        String alphabet = "abcXYZ019.-@_+'é\" ";
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(14);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            generated.add(s.toString());
        }
        int valid = 0;
        for (String raw : generated) {
            String expected = outcome(() -> EmailAddress.normalise(raw));
            assertThat(outcome(() -> FastAddress.normalise(raw))).as(raw).isEqualTo(expected);
            valid += expected.startsWith("ok ") ? 1 : 0;
        }
        assertThat(valid).as("the random corpus holds valid addresses too").isGreaterThan(50);
    }

    private static String outcome(java.util.function.Supplier<String> normalise) {
        try {
            return "ok " + normalise.get();
        }
        catch (InvalidInputException e) {
            return "error " + e.getMessage();
        }
    }

}
