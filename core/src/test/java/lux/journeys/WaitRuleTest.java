package lux.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Wait steps worked by hand: durations, weekday/time windows in a zone, clock changes.
 */
class WaitRuleTest {

    // Monday 30 November 2026, 09:00 UTC (10:00 in Berlin)
    private static final Instant MONDAY_9_UTC = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void aDurationIsAddedToTheClock() {
        assertThat(WaitRule.after(MONDAY_9_UTC, Duration.ofDays(3))).isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
    }

    @Test
    void laterTheSameDayWhenTheTimeHasNotComeYet() {
        assertThat(WaitRule.nextWindow(MONDAY_9_UTC, Set.of(DayOfWeek.MONDAY), LocalTime.of(14, 0),
                ZoneId.of("Europe/Berlin")))
            .isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));
    }

    @Test
    void aWeekLaterWhenTodaysTimeHasPassed() {
        assertThat(WaitRule.nextWindow(MONDAY_9_UTC, Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0),
                ZoneId.of("Europe/Berlin")))
            .isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
    }

    @Test
    void theNextOfSeveralWeekdaysInTheContactsZone() {
        // Monday 09:00 UTC is already Monday 20:00 in Auckland: the next Tuesday/Thursday
        // 09:00 there is Tuesday, 20:00 UTC on Monday
        assertThat(WaitRule.nextWindow(MONDAY_9_UTC, Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), LocalTime.of(9, 0),
                ZoneId.of("Pacific/Auckland")))
            .isEqualTo(Instant.parse("2026-11-30T20:00:00Z"));
    }

    @Test
    void noDaysMeansTheNextTimeOfDay() {
        assertThat(WaitRule.nextWindow(MONDAY_9_UTC, Set.of(), LocalTime.of(9, 0), ZoneId.of("UTC")))
            .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void aTimeSkippedByTheSpringClockChangeMovesForward() {
        // 29 March 2026: Berlin jumps from 02:00 to 03:00; 02:30 does not exist that day
        Instant saturday = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(WaitRule.nextWindow(saturday, Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30),
                ZoneId.of("Europe/Berlin")))
            .isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
    }

    @Test
    void aBadContactZoneFallsBackToTheJourneys() {
        assertThat(WaitRule.zone("Mars/Olympus", "Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(WaitRule.zone(" America/New_York ", "UTC")).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(WaitRule.zone(null, "UTC")).isEqualTo(ZoneId.of("UTC"));
    }

}
