package lux.besttime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Where each local hour of the day falls in a window. */
class HourSlotsTest {

    @Test
    void hoursFallInTheNext24HoursInTheCampaignsZone() {
        HourSlots slots = new HourSlots(Instant.parse("2026-11-30T08:30:00Z"), Duration.ofHours(24),
                ZoneId.of("Europe/Berlin")); // 09:30 in Berlin
        assertThat(slots.due(9)).isEqualTo(Instant.parse("2026-11-30T08:30:00Z")); // the
                                                                                   // hour
                                                                                   // it
                                                                                   // starts
                                                                                   // in:
                                                                                   // at
                                                                                   // once
        assertThat(slots.due(10)).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(slots.due(0)).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(slots.due(8)).isEqualTo(Instant.parse("2026-12-01T07:00:00Z")); // the
                                                                                   // next
                                                                                   // morning
        assertThat(slots.latest()).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
    }

    @Test
    void anHourBeyondTheWindowIsDueAtTheStart() {
        Instant start = Instant.parse("2026-11-30T08:30:00Z");
        HourSlots slots = new HourSlots(start, Duration.ofHours(2), ZoneId.of("UTC"));
        assertThat(slots.due(9)).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(slots.due(10)).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
        assertThat(slots.due(11)).isEqualTo(start);
        HourSlots none = new HourSlots(start, Duration.ZERO, ZoneId.of("UTC"));
        for (int h = 0; h < 24; h++) {
            assertThat(none.due(h)).isEqualTo(start);
        }
    }

    @Test
    void anHourThatDaylightSavingSkipsIsDueAtTheStart() {
        // Berlin, Sunday 2026-03-29: 02:00 becomes 03:00, so there is no 02:xx that day
        Instant start = Instant.parse("2026-03-28T22:00:00Z"); // 23:00 in Berlin
        HourSlots slots = new HourSlots(start, Duration.ofHours(24), ZoneId.of("Europe/Berlin"));
        assertThat(slots.due(3)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(slots.due(2)).isEqualTo(start);
    }

}
