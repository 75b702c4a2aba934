package lux.besttime;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The moments of a window that start each local hour of the day: the window opens at
 * {@code start}; the hour {@code start} falls in is due at once, every later hour at its
 * beginning in {@code zone}. An hour that lies beyond the window (or does not exist that
 * day, at a daylight-saving change) is due at the start: the plain time.
 */
final class HourSlots {

    private final Instant[] dueByLocalHour = new Instant[24];

    HourSlots(Instant start, Duration window, ZoneId zone) {
        Instant hour = start.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        for (int k = 0; k < 25; k++) {
            Instant at = k == 0 ? start : hour.plus(Duration.ofHours(k));
            if (!at.isBefore(start.plus(window)) && k > 0) {
                break;
            }
            int local = at.atZone(zone).getHour();
            if (dueByLocalHour[local] == null) {
                dueByLocalHour[local] = at;
            }
        }
        for (int h = 0; h < 24; h++) {
            if (dueByLocalHour[h] == null) {
                dueByLocalHour[h] = start;
            }
        }
    }

    /** The last due time of the window: the latest any recipient waits for. */
    Instant latest() {
        Instant latest = dueByLocalHour[0];
        for (Instant at : dueByLocalHour) {
            latest = at.isAfter(latest) ? at : latest;
        }
        return latest;
    }

    /** When a recipient whose best local hour of the day is {@code hourOfDay} is due. */
    Instant due(int hourOfDay) {
        return dueByLocalHour[Math.floorMod(hourOfDay, 24)];
    }

}
