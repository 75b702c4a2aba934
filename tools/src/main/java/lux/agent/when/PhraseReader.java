package lux.agent.when;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a phrase such as "next monday 9", "morgen früh", "3 Dec 10:00", "12/03 10:00" or
 * "am 3. um 14 Uhr".
 */
final class PhraseReader {

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

    private static final Pattern DOTTED_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2}|\\d{4})?");

    private static final Pattern DOTTED_PAIR = Pattern.compile("(\\d{1,2})\\.(\\d{2})");

    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,2})\\.");

    private static final Pattern SLASHED_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})(?:/(\\d{2}|\\d{4}))?");

    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::\\d{2})?");

    private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})\\.?");

    private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");

    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    private final Locale locale;

    private final List<String> words;

    private int at;

    private Phrase.Day day;

    private LocalTime time;

    private PhraseReader(String text, Locale locale) {
        this.locale = locale;
        this.words = Arrays.asList(normalise(text).split("\\s+"));
    }

    /**
     * Empty when a word is not part of any time LUX knows; throws when the words are
     * known but the date is impossible.
     */
    static Optional<Phrase> read(String text, Locale locale) {
        return new PhraseReader(text, locale).read();
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT)
            .replace("a.m.", "am")
            .replace("p.m.", "pm")
            .replaceAll("[,;!?]", " ")
            .replaceAll("\\b(\\d{1,2})(st|nd|rd|th)\\b", "$1.")
            .replaceAll("\\b(\\d{1,2}\\.) of\\b", "$1")
            .replaceAll("\\b(\\d{1,2})(am|pm|h|uhr)\\b", "$1 $2")
            .strip();
    }

    private Optional<Phrase> read() {
        while (at < words.size()) {
            if (!word(words.get(at))) {
                return Optional.empty();
            }
        }
        return day == null && time == null ? Optional.empty() : Optional.of(new Phrase(day, time));
    }

    /**
     * Reads the word at {@code at} (and any that belong to it); false when it is not part
     * of a time.
     */
    private boolean word(String w) {
        at++;
        Matcher m;
        if (Vocabulary.FILLERS.contains(w)) {
            return true;
        }
        if (w.equals("tonight")) {
            return setDay(new Phrase.Offset(0)) && setTime(LocalTime.of(20, 0));
        }
        if (w.equals("morgen") && day != null) {
            return setTime(Phrase.DEFAULT_TIME); // "Montag morgen", "morgen Morgen": the
                                                 // morning, not tomorrow
        }
        if (Vocabulary.NEXT.contains(w)) {
            var weekday = at < words.size() ? Vocabulary.weekday(words.get(at++), locale) : Optional.<DayOfWeek>empty();
            return weekday.isPresent() && setDay(new Phrase.Weekday(weekday.get(), true));
        }
        if (Vocabulary.dayOffset(w).isPresent()) {
            return setDay(new Phrase.Offset(Vocabulary.dayOffset(w).get()));
        }
        if (Vocabulary.partOfDay(w).isPresent()) {
            return setTime(Vocabulary.partOfDay(w).get());
        }
        if (Vocabulary.weekday(w, locale).isPresent()) {
            return setDay(new Phrase.Weekday(Vocabulary.weekday(w, locale).get(), false));
        }
        if (Vocabulary.month(w).isPresent() && at < words.size() && (m = dayNumber(words.get(at))) != null) {
            at++;
            return setDay(date(Vocabulary.month(w).get(), Integer.parseInt(m.group(1)), year()));
        }
        if ((m = ISO_DATE.matcher(w)).matches()) {
            return setDay(date(m.group(2), m.group(3), m.group(1)));
        }
        if ((m = DOTTED_PAIR.matcher(w)).matches()
                && (nextIs(Vocabulary.HOUR_MARKS) || Integer.parseInt(m.group(2)) > 12)) {
            // "10.30 Uhr", "10.30 pm"; and "10.30" alone cannot be a date (there is no
            // month 30)
            return setTime(clock(m.group(1), m.group(2), meridiem()));
        }
        if ((m = DOTTED_DATE.matcher(w)).matches() || (m = DOTTED_PAIR.matcher(w)).matches()) {
            return setDay(date(m.group(2), m.group(1), m.groupCount() > 2 ? m.group(3) : null));
        }
        if ((m = SLASHED_DATE.matcher(w)).matches()) {
            boolean monthFirst = Vocabulary.monthFirst(locale);
            return setDay(date(m.group(monthFirst ? 1 : 2), m.group(monthFirst ? 2 : 1), m.group(3)));
        }
        if ((m = CLOCK.matcher(w)).matches()) {
            return setTime(clock(m.group(1), m.group(2), meridiem()));
        }
        if ((m = dayNumber(w)) != null && at < words.size() && Vocabulary.month(words.get(at)).isPresent()) {
            Month month = Vocabulary.month(words.get(at++)).get();
            return setDay(date(month, Integer.parseInt(m.group(1)), year()));
        }
        if (ORDINAL.matcher(w).matches()) {
            return setDay(new Phrase.DayOfMonth(dayOfMonth(w.substring(0, w.length() - 1))));
        }
        if (NUMBER.matcher(w).matches()) {
            return setTime(clock(w, "0", meridiem()));
        }
        return false;
    }

    private boolean setDay(Phrase.Day value) {
        boolean first = day == null;
        day = value;
        return first;
    }

    private boolean setTime(LocalTime value) {
        boolean first = time == null;
        time = value;
        return first;
    }

    private boolean nextIs(Set<String> options) {
        return at < words.size() && options.contains(words.get(at));
    }

    /** Consumes "am", "pm", "Uhr" or "h" after a time; returns "am"/"pm" or null. */
    private String meridiem() {
        if (at < words.size() && (words.get(at).equals("am") || words.get(at).equals("pm"))) {
            return words.get(at++);
        }
        if (nextIs(Vocabulary.HOUR_MARKS)) {
            at++;
        }
        return null;
    }

    private Integer year() {
        return at < words.size() && YEAR.matcher(words.get(at)).matches() ? Integer.valueOf(words.get(at++)) : null;
    }

    private static Matcher dayNumber(String w) {
        Matcher m = DAY_NUMBER.matcher(w);
        return m.matches() ? m : null;
    }

    private static int dayOfMonth(String digits) {
        int d = Integer.parseInt(digits);
        if (d < 1 || d > 31) {
            throw new DateTimeException("There is no day " + d + " in a month.");
        }
        return d;
    }

    private static Phrase.Day date(String month, String dayOfMonth, String year) {
        int m = Integer.parseInt(month);
        if (m < 1 || m > 12) {
            throw new DateTimeException("There is no month " + m + ".");
        }
        return date(Month.of(m), Integer.parseInt(dayOfMonth), year == null ? null : Integer.valueOf(year));
    }

    private static Phrase.Day date(Month month, int dayOfMonth, Integer year) {
        if (year == null) {
            return new Phrase.Yearless(MonthDay.of(month, dayOfMonth));
        }
        return new Phrase.OnDate(LocalDate.of(year < 100 ? 2000 + year : year, month, dayOfMonth));
    }

    private static LocalTime clock(String hours, String minutes, String meridiem) {
        int hour = Integer.parseInt(hours);
        int minute = Integer.parseInt(minutes);
        if (meridiem != null && (hour < 1 || hour > 12)) {
            throw new DateTimeException(hour + " " + meridiem + " is not a time of day.");
        }
        if ("pm".equals(meridiem) && hour < 12) {
            hour += 12;
        }
        else if ("am".equals(meridiem) && hour == 12) {
            hour = 0;
        }
        if (hour > 23 || minute > 59) {
            throw new DateTimeException(String.format(Locale.ROOT, "%d:%02d is not a time of day.", hour, minute));
        }
        return LocalTime.of(hour, minute);
    }

}
