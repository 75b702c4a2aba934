package lux.agent;

import java.time.ZoneId;
import java.util.Locale;
import lux.audit.Actor;

/**
 * One thing a user said: who (the LUX user, already authorised), in which conversation, in which time zone,
 * the last file they attached there (null when none), and the language LUX answers in (from their Teams locale).
 */
public record TurnRequest(Actor actor, String conversationId, String text, ZoneId zone, UploadedFile lastUpload, Locale locale) {
    public TurnRequest {
        if (actor.userId() == null) {
            throw new IllegalArgumentException("A turn needs a LUX user");
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
        text = text == null ? "" : text.strip();
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** A turn answered in English. */
    public TurnRequest(Actor actor, String conversationId, String text, ZoneId zone, UploadedFile lastUpload) {
        this(actor, conversationId, text, zone, lastUpload, Locale.ENGLISH);
    }
}
