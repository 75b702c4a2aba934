package lux.agent.when;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;

/**
 * A send time read from words: which day (null = today) and which time of day (null =
 * 09:00 on that day).
 */
record Phrase(Day day, LocalTime time) {

    static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);

    /**
     * A year-less date this recently past is taken as a mistake to refuse, not as next
     * year's date.
     */
    private static final int RECENT_PAST_DAYS = 92;

    /** The day a phrase names, resolved against today when the time is known. */
    sealed interface Day {

        LocalDate resolve(LocalDateTime now, LocalTime time);

    }

    /** Today, tomorrow, the day after. */
    record Offset(int days) implements Day {
        public LocalDate resolve(LocalDateTime now, LocalTime time) {
            return now.toLocalDate().plusDays(days);
        }
    }

    /** A date with its year. */
    record OnDate(LocalDate date) implements Day {
        public LocalDate resolve(LocalDateTime now, LocalTime time) {
            return date;
        }
    }

    /**
     * "3 Dec": the next 3 December, unless it was only weeks ago (then it is refused as
     * passed).
     */
    record Yearless(MonthDay monthDay) implements Day {
        public LocalDate resolve(LocalDateTime now, LocalTime time) {
            LocalDate today = now.toLocalDate();
            LocalDate date = monthDay.atYear(today.getYear());
            return date.isBefore(today.minusDays(RECENT_PAST_DAYS)) ? monthDay.atYear(today.getYear() + 1) : date;
        }
    }

    /**
     * "on the 3rd": this month's if still to come, else the next month that has that day.
     */
    record DayOfMonth(int dayOfMonth) implements Day {
        public LocalDate resolve(LocalDateTime now, LocalTime time) {
            LocalDate month = now.toLocalDate().withDayOfMonth(1);
            for (int i = 0; i <= 12; i++, month = month.plusMonths(1)) {
                if (dayOfMonth <= month.lengthOfMonth()
                        && !month.withDayOfMonth(dayOfMonth).isBefore(now.toLocalDate())) {
                    return month.withDayOfMonth(dayOfMonth);
                }
            }
            throw new IllegalStateException("every 12 months hold day " + dayOfMonth);
        }
    }

    /**
     * "monday" is today while that time is still ahead, else the coming one; "next
     * monday" is never today.
     */
    record Weekday(DayOfWeek dayOfWeek, boolean next) implements Day {
        public LocalDate resolve(LocalDateTime now, LocalTime time) {
            LocalDate today = now.toLocalDate();
            boolean stillToday = !next && today.getDayOfWeek() == dayOfWeek && time.isAfter(now.toLocalTime());
            return stillToday ? today : today.with(TemporalAdjusters.next(dayOfWeek));
        }
    }

    LocalDateTime resolve(LocalDateTime now) {
        LocalTime at = time == null ? DEFAULT_TIME : time;
        return (day == null ? now.toLocalDate() : day.resolve(now, at)).atTime(at);
    }
}
