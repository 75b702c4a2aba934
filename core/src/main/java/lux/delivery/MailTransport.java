package lux.delivery;

/** Sends one message; chosen by {@code lux.mail.transport}. Must not throw for delivery failures: return a result. */
public interface MailTransport {
    String name();

    SendResult send(OutgoingMessage message);
}
