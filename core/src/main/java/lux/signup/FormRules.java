package lux.signup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lux.contacts.Tag;
import lux.shared.InvalidInputException;
import lux.shared.PublicMessages;

/**
 * Checks a form definition and fills in its defaults; every refusal names the field and
 * what to do.
 */
final class FormRules {

    static final List<String> FIELDS = List.of("email", "first_name", "last_name");
    static final int MAX_NAME = 200;
    static final int MAX_CONSENT = 2000;
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 10000;
    static final int MAX_TAGS = 20;

    /** A definition with every part checked and defaulted. */
    record Checked(String name, List<String> fields, List<String> tags, String language, String consentText,
            boolean doubleOptIn, String allowedOrigin, String confirmSubject, String confirmBody) {
    }

    private FormRules() {
    }

    static Checked check(FormDefinition d, PublicMessages messages) {
        String name = required("name", d.name(), MAX_NAME);
        String language = d.language() == null || d.language().isBlank() ? "en"
                : d.language().trim().toLowerCase(Locale.ROOT);
        if (!PublicMessages.LANGUAGES.contains(language)) {
            throw new InvalidInputException("language", "Language \"" + d.language()
                    + "\" is not offered; choose one of " + String.join(", ", PublicMessages.LANGUAGES) + ".");
        }
        Set<String> fields = new LinkedHashSet<>(List.of("email"));
        for (String f : d.fields().isEmpty() ? FIELDS : d.fields()) {
            String field = f == null ? "" : f.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException("fields",
                        "Unknown field \"" + f + "\"; a form can show " + String.join(", ", FIELDS) + ".");
            }
            fields.add(field);
        }
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(
                d.tags().stream().filter(t -> t != null && !t.isBlank()).map(Tag::normalise).toList()));
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "A form can give at most " + MAX_TAGS + " tags.");
        }
        String consent = optional("consentText", d.consentText(), MAX_CONSENT);
        String subject = optional("confirmSubject", d.confirmSubject(), MAX_SUBJECT);
        if (subject != null && subject.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("confirmSubject",
                    "The subject must be one line, without control characters.");
        }
        String body = optional("confirmBody", d.confirmBody(), MAX_BODY);
        if (body != null && !body.contains("{link}")) {
            throw new InvalidInputException("confirmBody",
                    "The confirmation mail must contain {link}, where the confirmation link goes.");
        }
        return new Checked(name, List.copyOf(fields), tags, language,
                consent == null ? messages.text(language, "signup.form.consent") : consent,
                d.doubleOptIn() == null || d.doubleOptIn(), origin(d.allowedOrigin()), subject, body);
    }

    /** scheme://host[:port] exactly as browsers send it in the Origin header, or null. */
    static String origin(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.trim().replaceFirst("/$", "");
        try {
            URI uri = new URI(value);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                        + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            }
        }
        catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidInputException("allowedOrigin", "\"" + raw
                + "\" is not a website origin; write it like https://www.example.com " + "(scheme and host, no path).");
    }

    private static String required(String field, String value, int max) {
        String v = optional(field, value, max);
        if (v == null) {
            throw new InvalidInputException(field, "A " + field + " is required.");
        }
        return v;
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field, field + " is longer than " + max + " characters.");
        }
        return v;
    }

}
