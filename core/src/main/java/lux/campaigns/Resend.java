package lux.campaigns;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * "Send it again to those who didn't open": an optional new subject, whether people who
 * clicked (without a recorded open) are left out too, and an optional wall-clock time
 * (null: stay a draft to be scheduled and confirmed as usual).
 */
public record Resend(String subject, boolean excludeClickers, LocalDateTime sendAt, ZoneId zone) {
    public static Resend draft(String subject, boolean excludeClickers) {
        return new Resend(subject, excludeClickers, null, null);
    }
}
