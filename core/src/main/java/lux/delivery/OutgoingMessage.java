package lux.delivery;

import java.util.Map;

/**
 * One composed mail ready for a transport.
 *
 * @param headers extra headers (X-LUX-Message-Id, List-Unsubscribe, ...); transports pass
 * on what they can
 * @param unsubscribeUrl the RFC 8058 one-click target, for transports that can set
 * List-Unsubscribe
 */
public record OutgoingMessage(long campaignId, long recipientId, String luxMessageId, String from, String to,
        String subject, String html, String text, Map<String, String> headers, String unsubscribeUrl) {
    public static final String MESSAGE_ID_HEADER = "X-LUX-Message-Id";

}
