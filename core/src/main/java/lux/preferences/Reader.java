package lux.preferences;

import java.time.Instant;
import java.util.List;

/**
 * The person behind a preference centre link, as their page shows them.
 *
 * @param subscribed whether they still receive mail (an active contact); only then can
 * topics and pauses change
 * @param pausedUntil the end of their pause, or null when mail is not paused
 * @param campaign the campaign whose mail the link came from
 */
public record Reader(long contactId, String email, String language, boolean subscribed, Instant pausedUntil,
        String campaign, List<TopicChoice> topics) {

    /**
     * A public topic and whether this reader receives it: they hold the tag and have not
     * opted out.
     */
    public record TopicChoice(Topic topic, boolean on) {
    }
}
