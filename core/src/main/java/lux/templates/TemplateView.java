package lux.templates;

import java.time.Instant;

public record TemplateView(long id, String name, String subject, String htmlBody, String textBody, Instant updatedAt) {
    static TemplateView of(EmailTemplate t) {
        return new TemplateView(t.getId(), t.getName(), t.getSubject(), t.getHtmlBody(), t.getTextBody(),
                t.getUpdatedAt());
    }
}
