package lux.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Entity;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The user's time zone: the activity's localTimezone, else Teams' clientInfo entity, else
 * the local timestamp's offset, else UTC.
 */
final class TimeZones {

    private TimeZones() {
    }

    static ZoneId of(Activity activity) {
        ZoneId zone = parse(activity.getLocalTimezone());
        if (zone != null) {
            return zone;
        }
        if (activity.getEntities() != null) {
            for (Entity e : activity.getEntities()) {
                if ("clientInfo".equalsIgnoreCase(e.getType()) && e.getProperties() != null) {
                    JsonNode tz = e.getProperties().get("timezone");
                    zone = tz == null ? null : parse(tz.asText());
                    if (zone != null) {
                        return zone;
                    }
                }
            }
        }
        if (activity.getLocalTimestamp() != null) {
            ZoneOffset offset = activity.getLocalTimestamp().getOffset();
            return offset;
        }
        return ZoneId.of("UTC");
    }

    private static ZoneId parse(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id.strip());
        }
        catch (DateTimeException e) {
            return null;
        }
    }

}
