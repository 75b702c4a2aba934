package lux.signup;

import java.util.List;

/**
 * What a person asks for when creating or changing a form; null or blank parts take
 * defaults (fields: all three, language: en, consent text and confirmation mail: the
 * defaults of the language, double opt-in: on).
 */
public record FormDefinition(String name, List<String> fields, List<String> tags, String language, String consentText,
        Boolean doubleOptIn, String allowedOrigin, String confirmSubject, String confirmBody) {
    public FormDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static FormDefinition of(String name, List<String> tags, String language, Boolean doubleOptIn) {
        return new FormDefinition(name, null, tags, language, null, doubleOptIn, null, null, null);
    }
}
