package lux.stats;

import java.time.Instant;

/**
 * How engaged one contact is: campaigns received, opened and clicked (humans only), a
 * 0-100 score, last activity.
 */
public record ContactEngagement(long contactId, long received, long opened, long clicked, int score,
        Instant lastActivity) {
}
