package lux.agent.tools;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lux.shared.InvalidInputException;

/**
 * Reads a send time in the user's zone: "now", "2026-12-01 10:00", "2026-12-01T10:00", "today 17:30",
 * "tomorrow 9:00", "tuesday 10:00" (the next one), "in 2 hours". Empty result = now.
 */
public final class WhenParser {
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?");
    private static final Pattern RELATIVE = Pattern.compile("in\\s+(\\d+)\\s*(minutes?|mins?|hours?|h|days?)");
    private static final String HELP = "Use a date and time like 2026-12-01 10:00, or today/tomorrow/a weekday with a time "
            + "(tuesday 10:00), or \"in 2 hours\", or \"now\".";

    private WhenParser() {
    }

    public static Optional<LocalDateTime> parse(String raw, ZoneId zone, Clock clock) {
        String text = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^(at|on)\\s+", "");
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        if (text.isEmpty() || text.equals("now") || text.equals("immediately")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T').replaceFirst("t", "T")
                    .replaceAll("(T\\d{2}:\\d{2}):\\d{2}(\\.\\d+)?$", "$1"), DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        } catch (DateTimeParseException ignored) {
            // not ISO: try the words below
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            String unit = relative.group(2);
            return Optional.of(unit.startsWith("m") ? now.plusMinutes(n) : unit.startsWith("h") ? now.plusHours(n) : now.plusDays(n));
        }
        String[] parts = text.split("\\s+(at\\s+)?", 2);
        LocalDate day = day(parts[0], now.toLocalDate());
        if (day == null) {
            throw new InvalidInputException("when", "I could not read \"" + raw + "\" as a time. " + HELP);
        }
        LocalTime time = parts.length > 1 ? time(parts[1], raw) : LocalTime.of(9, 0);
        return Optional.of(day.atTime(time));
    }

    private static LocalDate day(String word, LocalDate today) {
        if (word.equals("today")) {
            return today;
        }
        if (word.equals("tomorrow")) {
            return today.plusDays(1);
        }
        try {
            return LocalDate.parse(word);
        } catch (DateTimeParseException ignored) {
            // a weekday, maybe
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (word.equals(full) || word.equals(full.substring(0, 3))) {
                return today.with(TemporalAdjusters.next(d));
            }
        }
        return null;
    }

    private static LocalTime time(String text, String raw) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("when", "I could not read the time in \"" + raw + "\". " + HELP);
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if ("pm".equals(m.group(3)) && hour < 12) {
            hour += 12;
        } else if ("am".equals(m.group(3)) && hour == 12) {
            hour = 0;
        }
        if (hour > 23 || minute > 59) {
            throw new InvalidInputException("when", "\"" + raw + "\" is not a valid time of day. " + HELP);
        }
        return LocalTime.of(hour, minute);
    }
}
