package lux.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m}, {@code %msg} and {@code %message} with CR, LF and the other line breaks
 * escaped, so that an email address, file name, activity text or API field carrying
 * {@code "\r\n2026-… INFO FAKE ENTRY"} stays inside its own log line instead of forging
 * another. Stack traces ({@code %ex}) are written as before.
 */
public class OneLineMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    static String escape(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            String replacement = switch (c) {
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                case '\u000B', '\u000C', '\u0085', '\u2028', '\u2029' -> "\\u" + String.format("%04x", (int) c);
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                }
                else {
                    out.append(c);
                }
            }
        }
        return out == null ? message : out.toString();
    }

}
