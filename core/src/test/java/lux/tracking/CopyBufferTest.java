package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CopyBufferTest {

    static String text(CopyBuffer b) {
        return new String(b.bytes(), 0, b.size(), StandardCharsets.UTF_8);
    }

    @Test
    void numbersNullsAndTimestampsAsPostgresReadsThem() {
        CopyBuffer b = new CopyBuffer();
        b.number(0)
            .tab()
            .number(42)
            .tab()
            .number(-7)
            .tab()
            .number(Long.MAX_VALUE)
            .tab()
            .number(Long.MIN_VALUE)
            .tab()
            .nullableNumber(null)
            .tab()
            .nullableNumber(5L)
            .tab()
            .timestamp(Instant.parse("2026-11-26T06:00:07.000123Z"))
            .endRow();
        assertThat(text(b))
            .isEqualTo("0\t42\t-7\t9223372036854775807\t-9223372036854775808\t\\N\t5\t2026-11-26 06:00:07.000123+00\n");
        assertThat(text(b.clear().ascii("OPEN"))).isEqualTo("OPEN");
    }

    @Test
    void textIsEscapedTruncatedAndUtf8() {
        CopyBuffer b = new CopyBuffer();
        b.text("a\\b\tc\nd\u0000e\u007f", 100)
            .tab()
            .text(null, 10)
            .tab()
            .text("Grüße 日本 \uD83D\uDE00!", 100)
            .tab()
            .text("abcdef", 3)
            .tab()
            .text("ab\uD83D\uDE00", 3);
        // backslash doubled; tab, newline, NUL and DEL become spaces (a NUL would make
        // PostgreSQL refuse the batch forever);
        // a cut never splits a surrogate pair
        assertThat(text(b)).isEqualTo("a\\\\b c d e \t\\N\tGrüße 日本 \uD83D\uDE00!\tabc\tab");
    }

    @Test
    void growsPastItsFirstBufferAndIsReusable() {
        CopyBuffer b = new CopyBuffer();
        String ua = "Mozilla/5.0 ".repeat(40);
        for (int i = 0; i < 500; i++) {
            b.number(i).tab().text(ua, 512).endRow();
        }
        assertThat(b.size()).isGreaterThan(64 * 1024);
        assertThat(text(b)).startsWith("0\tMozilla")
            .endsWith("499\t" + ua.substring(0, Math.min(ua.length(), 512)) + "\n");
        assertThat(text(b.clear().number(1))).isEqualTo("1");
        assertThat(b.bytes().length).as("a normal batch keeps its buffer").isGreaterThan(64 * 1024);

        String wide = "日本".repeat(256); // 512 characters, 1,536 bytes
        for (int i = 0; i < 4_000; i++) {
            b.text(wide, 512).endRow();
        }
        assertThat(b.size()).isGreaterThan(4 * 1024 * 1024);
        assertThat(b.clear().bytes().length).as("a huge one does not stay on the heap").isEqualTo(64 * 1024);
    }

}
