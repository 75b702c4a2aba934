package lux.templates;

/**
 * A template rendered for one contact: ready for tracking composition and a transport.
 *
 * @param text the plain-text part; null only from
 * {@link TemplateService#renderForSending}: derive it from the HTML
 */
public record RenderedMessage(String subject, String html, String text) {
}
