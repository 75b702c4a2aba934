package lux.delivery;

import java.util.List;

/**
 * Sends one message; chosen by {@code lux.mail.transport}. Must not throw for delivery
 * failures: return a result.
 */
public interface MailTransport {

    String name();

    SendResult send(OutgoingMessage message);

    /**
     * Whether {@link #sendAll} does a batch in one go (the outbox: one database round
     * trip) rather than one message after another; the engine then hands it a whole
     * prepared batch instead of sending messages in parallel.
     */
    default boolean sendsBatches() {
        return false;
    }

    /** One result per message, in order. */
    default List<SendResult> sendAll(List<OutgoingMessage> messages) {
        return messages.stream().map(this::send).toList();
    }

}
