package lux.agent.when;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The English and German words for days, months and parts of the day that a send time may
 * contain.
 */
final class Vocabulary {

    static final Set<String> NOW = Set.of("now", "immediately", "asap", "jetzt", "sofort");

    /**
     * Words that carry no meaning of their own ("on the 3rd", "am 3.", "um 9 Uhr",
     * "Montag, den 3.").
     */
    static final Set<String> FILLERS = Set.of("at", "on", "the", "of", "this", "um", "am", "den", "der", "diesen",
            "diese");
    static final Set<String> NEXT = Set.of("next", "nächsten", "nächste", "nächster", "naechsten", "kommenden",
            "kommende");
    static final Set<String> HOUR_MARKS = Set.of("uhr", "h", "o'clock", "oclock");

    private static final Map<String, Integer> DAY_OFFSETS = Map.of("today", 0, "heute", 0, "tomorrow", 1, "morgen", 1,
            "übermorgen", 2, "uebermorgen", 2);

    private static final Map<String, LocalTime> PARTS_OF_DAY = Map.ofEntries(Map.entry("morning", LocalTime.of(9, 0)),
            Map.entry("früh", LocalTime.of(9, 0)), Map.entry("morgens", LocalTime.of(9, 0)),
            Map.entry("vormittag", LocalTime.of(10, 0)), Map.entry("noon", LocalTime.NOON),
            Map.entry("midday", LocalTime.NOON), Map.entry("mittag", LocalTime.NOON),
            Map.entry("mittags", LocalTime.NOON), Map.entry("afternoon", LocalTime.of(14, 0)),
            Map.entry("nachmittag", LocalTime.of(14, 0)), Map.entry("nachmittags", LocalTime.of(14, 0)),
            Map.entry("evening", LocalTime.of(18, 0)), Map.entry("abend", LocalTime.of(18, 0)),
            Map.entry("abends", LocalTime.of(18, 0)), Map.entry("night", LocalTime.of(20, 0)),
            Map.entry("nacht", LocalTime.of(20, 0)));

    private static final Map<String, Month> MONTHS = Map.ofEntries(Map.entry("january", Month.JANUARY),
            Map.entry("jan", Month.JANUARY), Map.entry("januar", Month.JANUARY), Map.entry("jänner", Month.JANUARY),
            Map.entry("february", Month.FEBRUARY), Map.entry("feb", Month.FEBRUARY),
            Map.entry("februar", Month.FEBRUARY), Map.entry("march", Month.MARCH), Map.entry("mar", Month.MARCH),
            Map.entry("märz", Month.MARCH), Map.entry("maerz", Month.MARCH), Map.entry("mär", Month.MARCH),
            Map.entry("mrz", Month.MARCH), Map.entry("april", Month.APRIL), Map.entry("apr", Month.APRIL),
            Map.entry("may", Month.MAY), Map.entry("mai", Month.MAY), Map.entry("june", Month.JUNE),
            Map.entry("jun", Month.JUNE), Map.entry("juni", Month.JUNE), Map.entry("july", Month.JULY),
            Map.entry("jul", Month.JULY), Map.entry("juli", Month.JULY), Map.entry("august", Month.AUGUST),
            Map.entry("aug", Month.AUGUST), Map.entry("september", Month.SEPTEMBER), Map.entry("sep", Month.SEPTEMBER),
            Map.entry("sept", Month.SEPTEMBER), Map.entry("october", Month.OCTOBER), Map.entry("oct", Month.OCTOBER),
            Map.entry("oktober", Month.OCTOBER), Map.entry("okt", Month.OCTOBER), Map.entry("november", Month.NOVEMBER),
            Map.entry("nov", Month.NOVEMBER), Map.entry("december", Month.DECEMBER), Map.entry("dec", Month.DECEMBER),
            Map.entry("dezember", Month.DECEMBER), Map.entry("dez", Month.DECEMBER));

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("montag", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("tues", DayOfWeek.TUESDAY), Map.entry("dienstag", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY), Map.entry("wed", DayOfWeek.WEDNESDAY),
            Map.entry("mittwoch", DayOfWeek.WEDNESDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY),
            Map.entry("thurs", DayOfWeek.THURSDAY), Map.entry("donnerstag", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY), Map.entry("fri", DayOfWeek.FRIDAY),
            Map.entry("freitag", DayOfWeek.FRIDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("samstag", DayOfWeek.SATURDAY),
            Map.entry("sonnabend", DayOfWeek.SATURDAY), Map.entry("sunday", DayOfWeek.SUNDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("sonntag", DayOfWeek.SUNDAY));

    /**
     * German two-letter weekdays clash with English words ("so", "do"), so only German
     * users get them.
     */
    private static final Map<String, DayOfWeek> GERMAN_SHORT_WEEKDAYS = Map.of("mo", DayOfWeek.MONDAY, "di",
            DayOfWeek.TUESDAY, "mi", DayOfWeek.WEDNESDAY, "do", DayOfWeek.THURSDAY, "fr", DayOfWeek.FRIDAY, "sa",
            DayOfWeek.SATURDAY, "so", DayOfWeek.SUNDAY);

    private Vocabulary() {
    }

    static Optional<Integer> dayOffset(String word) {
        return Optional.ofNullable(DAY_OFFSETS.get(word));
    }

    static Optional<LocalTime> partOfDay(String word) {
        return Optional.ofNullable(PARTS_OF_DAY.get(word));
    }

    static Optional<Month> month(String word) {
        return Optional.ofNullable(MONTHS.get(word.endsWith(".") ? word.substring(0, word.length() - 1) : word));
    }

    static Optional<DayOfWeek> weekday(String word, Locale locale) {
        String w = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
        DayOfWeek day = WEEKDAYS.get(w);
        if (day == null && isGerman(locale)) {
            day = GERMAN_SHORT_WEEKDAYS.get(w);
        }
        return Optional.ofNullable(day);
    }

    static boolean isGerman(Locale locale) {
        return "de".equals(locale.getLanguage());
    }

    /**
     * Slashed dates are month first only where people write them so (the US); elsewhere
     * day first.
     */
    static boolean monthFirst(Locale locale) {
        return "US".equals(locale.getCountry()) || (locale.getCountry().isEmpty() && "en".equals(locale.getLanguage()));
    }

}
