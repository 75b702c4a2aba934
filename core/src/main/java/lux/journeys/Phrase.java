package lux.journeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Words without a language: a message key and its values, for the side that knows the
 * reader's language (the Teams cards) to word. Values are strings, numbers, weekdays
 * ({@link java.time.DayOfWeek}), lists of them (read as "a or b") and other phrases. A
 * count comes twice, as a number (for the plural) and as its digits (for the text), so
 * that no language groups them ("1,440").
 *
 * @param key the message key, e.g. {@code card.journeyStep.send}
 * @param args the values for its placeholders, in order
 */
public record Phrase(String key, List<Object> args) {

    public Phrase {
        Objects.requireNonNull(key, "key");
        // a value may be missing (null), as in the English words
        args = Collections.unmodifiableList(new ArrayList<>(args));
    }

    public static Phrase of(String key, Object... args) {
        return new Phrase(key, Arrays.asList(args));
    }

    /** A count as the two values a plural needs: the number and its digits. */
    static Object[] count(long n) {
        return new Object[] { n, String.valueOf(n) };
    }

}
