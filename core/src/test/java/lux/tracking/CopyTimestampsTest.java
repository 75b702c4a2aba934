package lux.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTimestampsTest {

    static final DateTimeFormatter POSTGRES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSx");

    @Test
    void writesTheInstantToTheMicrosecondAcrossMinuteHourAndYearBoundaries() {
        CopyTimestamps timestamps = new CopyTimestamps();
        List<Instant> instants = List.of(Instant.parse("2026-11-26T06:00:07.123456789Z"),
                Instant.parse("2026-11-26T06:00:59.999999Z"), Instant.parse("2026-11-26T06:01:00Z"),
                Instant.parse("2026-11-26T06:00:00.000001Z"), Instant.parse("2026-12-31T23:59:59.5Z"),
                Instant.parse("2027-01-01T00:00:00.000100Z"), Instant.parse("1969-12-31T23:59:58.25Z"));
        for (Instant at : instants) {
            StringBuilder out = new StringBuilder("x\t");
            timestamps.append(out, at);
            String literal = out.substring(2);
            assertThat(OffsetDateTime.parse(literal, POSTGRES).toInstant()).as(literal)
                .isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
        }
        StringBuilder out = new StringBuilder();
        timestamps.append(out, Instant.parse("2026-11-26T06:00:07.123456789Z"));
        assertThat(out).hasToString("2026-11-26 06:00:07.123456+00");
    }

}
