package lux.tracking;

/**
 * A rendered message with tracking applied: links rewritten, pixel and footer added.
 *
 * @param unsubscribeUrl the page a person opens; also the RFC 8058 one-click POST target
 */
public record ComposedMessage(String subject, String html, String text, String unsubscribeUrl) {
}
