package lux.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import lux.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class WhenParserTest {
    // Thursday 26 November 2026, 23:30 UTC = Friday 00:30 in Berlin: "tomorrow" depends on the user's zone.
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneOffset.UTC);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void readsTheUsualWaysOfSayingWhen() {
        assertThat(WhenParser.parse("now", BERLIN, CLOCK)).isEmpty();
        assertThat(WhenParser.parse("", BERLIN, CLOCK)).isEmpty();
        assertThat(parse("2026-12-01 10:00")).isEqualTo("2026-12-01T10:00");
        assertThat(parse("2026-12-01T10:00:00")).isEqualTo("2026-12-01T10:00");
        assertThat(parse("tomorrow 9:15")).isEqualTo("2026-11-28T09:15");
        assertThat(parse("today at 5pm")).isEqualTo("2026-11-27T17:00");
        assertThat(parse("tuesday 10:00")).isEqualTo("2026-12-01T10:00");
        assertThat(parse("Fri 12am")).isEqualTo("2026-12-04T00:00");
        assertThat(parse("in 2 hours")).isEqualTo("2026-11-27T02:30");
        assertThat(parse("2026-12-24")).isEqualTo("2026-12-24T09:00");
    }

    @Test
    void explainsWhatItCannotRead() {
        assertThatThrownBy(() -> parse("next blue moon")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("could not read \"next blue moon\"").hasMessageContaining("2026-12-01 10:00");
        assertThatThrownBy(() -> parse("tomorrow 25:00")).hasMessageContaining("not a valid time");
    }

    private static String parse(String text) {
        return WhenParser.parse(text, BERLIN, CLOCK).map(LocalDateTime::toString).orElse("now");
    }
}
