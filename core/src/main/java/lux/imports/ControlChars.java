package lux.imports;

/**
 * NUL and the other control characters a CSV may carry (PostgreSQL refuses NUL in text,
 * and none belongs in a contact). Tab and line breaks stay: quoted fields may hold them.
 * Returns the same string when there is nothing to remove, so clean values cost one scan
 * and no copy.
 */
final class ControlChars {

    private ControlChars() {
    }

    static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    }

    static boolean contains(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static String strip(String value) {
        if (value == null || !contains(value)) {
            return value;
        }
        StringBuilder clean = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isControl(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

}
