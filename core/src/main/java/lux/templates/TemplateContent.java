package lux.templates;

/**
 * What a template author writes: subject, HTML body and an optional plain-text body
 * (derived when absent).
 */
public record TemplateContent(String name, String subject, String htmlBody, String textBody) {
    public TemplateContent {
        name = name == null ? null : name.trim();
        textBody = textBody == null || textBody.isBlank() ? null : textBody;
    }
}
