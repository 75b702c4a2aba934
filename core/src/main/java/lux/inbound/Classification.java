package lux.inbound;

/**
 * What the classifier found in one message.
 *
 * @param luxMessageId the LUX message id it refers to ({@code lux-c12-r34}), from
 * Message-ID, X-LUX-Message-Id, In-Reply-To, References or the returned original headers;
 * null when none
 * @param recipient the address that failed (DSN Final-Recipient or Original-Recipient),
 * lower case; null when unknown
 * @param status the DSN status code ({@code 5.1.1}); null when none
 * @param unsubscribeToken the token of an unsubscribe mail (its subject), null otherwise
 * @param subject the message's subject, for logs and notes
 */
public record Classification(InboundKind kind, String luxMessageId, String recipient, String status,
        String unsubscribeToken, String subject) {

    /**
     * Campaign and recipient ids encoded in a LUX message id, or null when there is none.
     */
    public RecipientRef ref() {
        return RecipientRef.parse(luxMessageId);
    }
}
