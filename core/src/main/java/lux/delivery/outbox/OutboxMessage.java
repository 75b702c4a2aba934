package lux.delivery.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * A message the outbox transport kept instead of sending, exactly as it would have gone
 * out.
 */
public record OutboxMessage(long id, Long campaignId, Long recipientId, String luxMessageId, String from, String to,
        String subject, String html, String text, Map<String, String> headers, Instant createdAt) {
}
