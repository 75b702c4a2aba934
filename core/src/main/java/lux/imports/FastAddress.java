package lux.imports;

import java.util.Locale;
import lux.shared.EmailAddress;

/**
 * The import's shortcut for the common address: plain ASCII in the shape
 * {@link EmailAddress} accepts, checked by hand instead of by its regular expression
 * (which allocates per match and was the parser's largest cost). Anything the shortcut
 * does not accept goes through {@link EmailAddress#normalise}, so the result and every
 * error message are exactly that method's: the shortcut only ever accepts what the
 * expression accepts.
 */
final class FastAddress {

    private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

    private FastAddress() {
    }

    static String normalise(String raw) {
        String lower = plainAscii(raw) ? raw.toLowerCase(Locale.ROOT) : null;
        return lower != null && valid(lower) ? lower : EmailAddress.normalise(raw);
    }

    private static boolean plainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /**
     * dot-atom local part (at most 64 characters), '@', two or more DNS labels, the last
     * starting with a letter.
     */
    static boolean valid(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at > 64 || email.length() > EmailAddress.MAX_LENGTH || email.indexOf('@', at + 1) >= 0) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < at; i++) {
            char c = email.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false; // leading dot or two in a row
                }
            }
            else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || LOCAL_SPECIALS.indexOf(c) >= 0)) {
                return false;
            }
            previous = c;
        }
        if (previous == '.') {
            return false;
        }
        int labels = 0;
        int start = at + 1;
        while (true) {
            int dot = email.indexOf('.', start);
            int end = dot < 0 ? email.length() : dot;
            if (!label(email, start, end, dot < 0)) {
                return false;
            }
            labels++;
            if (dot < 0) {
                return labels >= 2;
            }
            start = dot + 1;
        }
    }

    private static boolean label(String s, int start, int end, boolean last) {
        int length = end - start;
        if (length < 1 || length > 63 || s.charAt(start) == '-' || s.charAt(end - 1) == '-') {
            return false;
        }
        if (last && !(s.charAt(start) >= 'a' && s.charAt(start) <= 'z')) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

}
