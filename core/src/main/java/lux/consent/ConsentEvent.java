package lux.consent;

import java.time.Instant;

/**
 * One ledger row as read back, with the consent text it points at and the IP while it is
 * still held.
 */
public record ConsentEvent(long id, Instant at, ConsentKind kind, String channel, String source, String textHash,
        String text, String ip, String actor, Long contactId) {
}
