package lux.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The campaign and recipient a LUX message id ({@code lux-c12-r34}) names. */
public record RecipientRef(long campaignId, long recipientId) {
    static final Pattern ID = Pattern.compile("lux-c(\\d{1,18})-r(\\d{1,18})");

    /** The first LUX message id in {@code text} (a header value, say), or null. */
    static String find(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ID.matcher(text);
        return m.find() ? m.group() : null;
    }

    static RecipientRef parse(String luxMessageId) {
        if (luxMessageId == null) {
            return null;
        }
        Matcher m = ID.matcher(luxMessageId);
        return m.matches() ? new RecipientRef(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
    }
}
