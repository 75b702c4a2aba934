package lux.agent;

import java.time.ZoneId;
import java.util.Locale;
import lux.audit.Actor;

/**
 * One thing a user said: who (the LUX user, already authorised), in which conversation,
 * in which time zone, the last file they attached there (null when none), and their Teams
 * locale (how they write dates; en-US when unknown).
 */
public record TurnRequest(Actor actor, String conversationId, String text, ZoneId zone, UploadedFile lastUpload,
        Locale locale) {

    public static final Locale DEFAULT_LOCALE = Locale.US;

    public TurnRequest(Actor actor, String conversationId, String text, ZoneId zone, UploadedFile lastUpload) {
        this(actor, conversationId, text, zone, lastUpload, DEFAULT_LOCALE);
    }

    public TurnRequest {
        if (actor.userId() == null) {
            throw new IllegalArgumentException("A turn needs a LUX user");
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
        text = text == null ? "" : text.strip();
        locale = locale == null ? DEFAULT_LOCALE : locale;
    }

    /**
     * The locale of a Teams activity ("de-DE", "en-US"); en-US when missing or
     * unreadable.
     */
    public static Locale localeOf(String tag) {
        Locale locale = tag == null || tag.isBlank() ? DEFAULT_LOCALE : Locale.forLanguageTag(tag.strip());
        return locale.getLanguage().isEmpty() ? DEFAULT_LOCALE : locale;
    }
}
