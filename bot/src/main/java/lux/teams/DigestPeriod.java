package lux.teams;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import lux.digest.DigestCadence;

/**
 * A digest period in the reader's time zone: a whole day, or a week from Monday 00:00,
 * that has ended; its digest goes out from 08:00 local time on the day after (so it
 * arrives with the morning, not at midnight).
 */
record DigestPeriod(DigestCadence cadence, ZonedDateTime from, ZonedDateTime to) {

    static final LocalTime SEND_FROM = LocalTime.of(8, 0);

    Instant start() {
        return from.toInstant();
    }

    Instant end() {
        return to.toInstant();
    }

    /**
     * The last whole period before {@code now} in {@code zone}, if its digest is due
     * (from 08:00 on the first day after it); empty when the digest is off or not yet
     * due.
     */
    static Optional<DigestPeriod> due(DigestCadence cadence, Instant now, ZoneId zone) {
        if (cadence == DigestCadence.OFF) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        LocalDate end = cadence == DigestCadence.DAILY ? today
                : today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (end.equals(today) && local.toLocalTime().isBefore(SEND_FROM)) {
            return Optional.empty(); // this morning's digest: not before 08:00
        }
        LocalDate start = cadence == DigestCadence.DAILY ? end.minusDays(1) : end.minusWeeks(1);
        return Optional.of(new DigestPeriod(cadence, start.atStartOfDay(zone), end.atStartOfDay(zone)));
    }

}
