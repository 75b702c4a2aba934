package lux.agent.when;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.shared.InvalidInputException;

/**
 * Reads a send time as people and models write it, in the user's zone and locale: ISO
 * 8601 (seconds, offsets, Z), "tomorrow morning", "next monday 9", "in 30 minutes", "on
 * the 3rd at 14:00", "3 Dec 10:00", "12/03 10:00" (month first for US users, day first
 * elsewhere), "3.12.2026 10 Uhr", "morgen früh". Empty result = now. A time that has
 * passed, or that the zone skips or repeats at a clock change, is refused with the time
 * LUX understood.
 */
public final class WhenParser {

    private static final Pattern RELATIVE = Pattern.compile("in\\s+(\\d+|an?|one|ein|eine|einer|einem)\\s+"
            + "(minutes?|mins?|minuten?|hours?|hrs?|h|stunden?|std|days?|tagen?|tage|weeks?|wochen?)");

    private static final Pattern HALF_HOUR = Pattern.compile("in\\s+(half an hour|einer halben stunde)");

    private static final DateTimeFormatter UNDERSTOOD = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private WhenParser() {
    }

    /** The local date-time in {@code zone}, or empty for "now". */
    public static Optional<LocalDateTime> parse(String raw, ZoneId zone, Locale locale, Clock clock) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty() || Vocabulary.NOW.contains(text.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        Optional<Instant> exact = IsoTimes.instant(text).or(() -> relative(text, now));
        LocalDateTime local;
        try {
            local = exact.isPresent() ? fromInstant(exact.get(), zone, raw)
                    : IsoTimes.local(text)
                        .or(() -> PhraseReader.read(text, locale).map(p -> p.resolve(now.toLocalDateTime())))
                        .orElseThrow(() -> new InvalidInputException("when",
                                "I could not read \"" + raw + "\" as a time. " + help(locale)));
        }
        catch (DateTimeException e) {
            throw new InvalidInputException("when",
                    "\"" + raw + "\" is not a date and time LUX can use: " + e.getMessage() + " " + help(locale));
        }
        requireExists(local, zone, raw);
        if (local.atZone(zone).toInstant().isBefore(clock.instant().truncatedTo(ChronoUnit.MINUTES))) {
            throw new InvalidInputException("when", "That is " + understood(local, zone) + ", which has passed.");
        }
        return Optional.of(local);
    }

    static String understood(LocalDateTime local, ZoneId zone) {
        return UNDERSTOOD.format(local) + " " + zone.getId();
    }

    private static Optional<Instant> relative(String text, ZonedDateTime now) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (HALF_HOUR.matcher(lower).matches()) {
            return Optional.of(now.toInstant().plus(Duration.ofMinutes(30)));
        }
        Matcher m = RELATIVE.matcher(lower);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Character.isDigit(m.group(1).charAt(0)) ? Long.parseLong(m.group(1)) : 1;
        String unit = m.group(2);
        // minutes and hours are elapsed time (across a clock change too); days and weeks
        // keep the time of day
        return Optional.of(unit.startsWith("m") ? now.toInstant().plus(Duration.ofMinutes(n))
                : unit.startsWith("h") || unit.startsWith("s") ? now.toInstant().plus(Duration.ofHours(n))
                        : unit.startsWith("w") ? now.plusWeeks(n).toInstant() : now.plusDays(n).toInstant());
    }

    /**
     * An exact instant whose local time the zone repeats would be read back as the other
     * one, so it is refused.
     */
    private static LocalDateTime fromInstant(Instant instant, ZoneId zone, String raw) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        if (!local.atZone(zone).toInstant().equals(instant)) {
            throw new InvalidInputException("when", "\"" + raw + "\" is " + UNDERSTOOD.format(local) + " in "
                    + zone.getId()
                    + ", in the hour that happens twice when the clocks go back. Choose a time outside that hour.");
        }
        return local;
    }

    private static void requireExists(LocalDateTime local, ZoneId zone, String raw) {
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            var change = zone.getRules().getTransition(local);
            throw new InvalidInputException("when", "\"" + raw + "\" is " + understood(local, zone)
                    + ", a time that does not exist: the clocks go forward from "
                    + change.getDateTimeBefore().toLocalTime() + " to " + change.getDateTimeAfter().toLocalTime()
                    + " that night. Choose another time, such as " + change.getDateTimeAfter().toLocalTime() + ".");
        }
    }

    private static String help(Locale locale) {
        return Vocabulary.isGerman(locale)
                ? "Write it like 3.12.2026 10:00, morgen früh, nächsten Montag 9 Uhr, in 30 Minuten, or jetzt."
                : "Write it like 2026-12-01 10:00, tomorrow 9:00, next monday 9am, on the 3rd at 14:00, in 2 hours, or now.";
    }

}
