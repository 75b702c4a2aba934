package lux.agent.when;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * ISO 8601 date-times: with an offset, Z or a zone id they are exact; without, they are
 * local to the user.
 */
final class IsoTimes {

    private IsoTimes() {
    }

    static Optional<Instant> instant(String text) {
        String iso = normalise(text);
        return attempt(() -> ZonedDateTime.parse(iso, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant())
            .or(() -> attempt(() -> OffsetDateTime
                .parse(iso.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant()));
    }

    static Optional<LocalDateTime> local(String text) {
        String iso = normalise(text);
        return attempt(() -> LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).withSecond(0).withNano(0));
    }

    /**
     * "2026-12-01 10:00" and a lower-case t or z are how people (and some models) write
     * ISO too.
     */
    private static String normalise(String text) {
        return text.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[ tT](\\d)", "$1T$2").replaceFirst("z$", "Z");
    }

    private static <T> Optional<T> attempt(java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

}
