package lux.agent;

import java.time.ZoneId;
import lux.audit.Actor;

/**
 * One thing a user said: who (the LUX user, already authorised), in which conversation, in which time zone,
 * and the last file they attached there (null when none).
 */
public record TurnRequest(Actor actor, String conversationId, String text, ZoneId zone, UploadedFile lastUpload) {
    public TurnRequest {
        if (actor.userId() == null) {
            throw new IllegalArgumentException("A turn needs a LUX user");
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
        text = text == null ? "" : text.strip();
    }
}
