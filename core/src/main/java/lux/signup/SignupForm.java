package lux.signup;

import java.time.Instant;
import java.util.List;

/**
 * A sign-up form as stored.
 *
 * @param fields which fields it shows: email (always), first_name, last_name
 * @param tags the tags its contacts get
 * @param language en or de: the language of its pages and confirmation mail
 * @param consentText the consent text shown beside the button (recorded in the consent
 * ledger)
 * @param allowedOrigin the one website origin (https://www.example.com) that may post to
 * it from a browser script; null: none
 * @param confirmSubject the confirmation mail's subject; null: the default in the form's
 * language
 * @param confirmBody the confirmation mail's text with {link} and {hours}; null: the
 * default in the form's language
 */
public record SignupForm(long id, String name, List<String> fields, List<String> tags, String language,
        String consentText, boolean doubleOptIn, String allowedOrigin, String confirmSubject, String confirmBody,
        Instant createdAt, Instant updatedAt) {
    public SignupForm {
        fields = List.copyOf(fields);
        tags = List.copyOf(tags);
    }

    public boolean shows(String field) {
        return fields.contains(field);
    }
}
