package lux.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place that decides what a valid address is and how it is stored (trimmed, NFC,
 * lower-case).
 */
public final class EmailAddress {

    // Pragmatic RFC 5321 shape: dot-atom local part, a domain of at least two DNS labels.
    private static final Pattern VALID = Pattern
        .compile("^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

    public static final int MAX_LENGTH = 320;

    private EmailAddress() {
    }

    /**
     * Returns the stored form of {@code raw} or fails with a message naming the address.
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("email", "An email address is required.");
        }
        String email = normaliseLenient(raw);
        if (email.length() > MAX_LENGTH || email.indexOf('@') > 64 || !VALID.matcher(email).matches()) {
            throw new InvalidInputException("email", "\"" + raw.trim() + "\" is not a valid email address.");
        }
        return email;
    }

    public static boolean isValid(String raw) {
        try {
            normalise(raw);
            return true;
        }
        catch (InvalidInputException e) {
            return false;
        }
    }

    /** Normalises without validating, for lookups. */
    public static String normaliseLenient(String raw) {
        return raw == null ? "" : Normalizer.normalize(raw.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1);
    }

}
