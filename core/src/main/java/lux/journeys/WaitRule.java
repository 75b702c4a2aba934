package lux.journeys;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** When a wait step ends: plain arithmetic on the injected clock's instant. */
final class WaitRule {

    private WaitRule() {
    }

    static Instant after(Instant now, Duration duration) {
        return now.plus(duration);
    }

    /**
     * The first moment after {@code now} that falls on one of {@code days} at
     * {@code time} in {@code zone}; a time skipped by a clock change moves forward with
     * it (ZonedDateTime's rule).
     */
    static Instant nextWindow(Instant now, Set<DayOfWeek> days, LocalTime time, ZoneId zone) {
        LocalDate date = now.atZone(zone).toLocalDate();
        for (int i = 0; i <= 7; i++) {
            LocalDate day = date.plusDays(i);
            if (days.isEmpty() || days.contains(day.getDayOfWeek())) {
                ZonedDateTime at = ZonedDateTime.of(day, time, zone);
                if (at.toInstant().isAfter(now)) {
                    return at.toInstant();
                }
            }
        }
        throw new IllegalStateException("no window in the next 8 days for " + days);
    }

    /** The contact's zone when it names a valid one, else the journey's. */
    static ZoneId zone(String contactZone, String journeyZone) {
        if (contactZone != null && !contactZone.isBlank()) {
            try {
                return ZoneId.of(contactZone.strip());
            }
            catch (java.time.DateTimeException e) {
                // a typo in an attribute falls back to the journey's zone
            }
        }
        return ZoneId.of(journeyZone);
    }

    static String words(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
    }

    /** {@code Wait} and {@link #words(Duration)} as a {@link Phrase}. */
    static Phrase phrase(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return Phrase.of("card.journeyStep.waitDays", Phrase.count(d.toDays()));
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return Phrase.of("card.journeyStep.waitHours", Phrase.count(d.toHours()));
        }
        return Phrase.of("card.journeyStep.waitMinutes", Phrase.count(d.toMinutes()));
    }

    static String words(Set<DayOfWeek> days) {
        if (days.isEmpty() || days.size() == 7) {
            return "the next day";
        }
        return days.stream()
            .sorted()
            .map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
            .collect(Collectors.joining(" or "));
    }

}
