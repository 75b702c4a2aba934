package lux.templates;

/** A template rendered for one contact: ready for tracking composition and a transport. */
public record RenderedMessage(String subject, String html, String text) {
}
