package lux.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The COPY writer's attributes JSON is byte for byte what Jackson writes (and the H2 path
 * stores), escaped for COPY the same way as before: hand-picked values and 20,000 random
 * maps.
 */
class PostgresContactCopierTest {

    private static String before(Map<String, String> attributes) {
        return PostgresContactCopier.field(new StringBuilder(), ContactBatchWriter.json(attributes)).toString();
    }

    private static String now(Map<String, String> attributes) {
        return PostgresContactCopier.attributes(new StringBuilder(), attributes).toString();
    }

    @Test
    void handPickedValues() {
        assertThat(now(Map.of())).isEqualTo("{}");
        Map<String, String> tricky = new LinkedHashMap<>();
        tricky.put("city", "Zürich");
        tricky.put("quote \"q\"", "back\\slash");
        tricky.put("tab", "a\tb");
        tricky.put("lines", "a\nb\r\nc");
        tricky.put("controls", "\u0000\u0001\b\f\u001f\u007f");
        tricky.put("literal", "\\N \\t /slash/ \u2028 emoji \uD83D\uDE00 lone \uD800");
        tricky.put("null", null);
        tricky.put("", "");
        assertThat(now(tricky)).isEqualTo(before(tricky));
        assertThat(now(Map.of("a", "\""))).isEqualTo("{\"a\":\"\\\\\"\"}");
    }

    @Test
    void randomMapsMatchJackson() {
        Random random = new Random(21);
        List<Character> alphabet = List.of('a', 'Z', '0', ' ', '"', '\\', '/', '\t', '\n', '\r', '\b', '\f', '\u0000',
                '\u001b', '\u007f', 'é', '€', '\u2028', '\uD83D', '\uDE00', '{', '}', ':', ',', 'N');
        for (int n = 0; n < 20_000; n++) {
            Map<String, String> map = new LinkedHashMap<>();
            int entries = random.nextInt(4);
            for (int e = 0; e < entries; e++) {
                map.put(text(random, alphabet), random.nextInt(20) == 0 ? null : text(random, alphabet));
            }
            assertThat(now(map)).as("%s", map).isEqualTo(before(map));
        }
    }

    private static String text(Random random, List<Character> alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.get(random.nextInt(alphabet.size())));
        }
        return s.toString();
    }

}
