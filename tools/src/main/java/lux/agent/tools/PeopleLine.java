package lux.agent.tools;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import lux.agent.TeamsMessages;

/**
 * The line a person reads beside a tool's card, as a key of the Teams bundle and its
 * arguments, so command mode can say it in the reader's language; {@link #NONE} when the
 * card says it all.
 */
public record PeopleLine(String key, Object[] args) {

    public static final PeopleLine NONE = new PeopleLine(null, new Object[0]);

    public static PeopleLine of(String key, Object... args) {
        return new PeopleLine(key, args);
    }

    public String in(TeamsMessages messages, Locale locale) {
        return key == null ? "" : messages.text(locale, key, args);
    }

    /** The English line, read straight from the bundle. */
    public String english() {
        if (key == null) {
            return "";
        }
        String pattern = ResourceBundle
            .getBundle(TeamsMessages.BUNDLE, Locale.ROOT,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
            .getString(key);
        return new MessageFormat(pattern, Locale.ENGLISH).format(args);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeopleLine line && java.util.Objects.equals(key, line.key)
                && Arrays.equals(args, line.args);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(key) + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return key + Arrays.toString(args);
    }

}
