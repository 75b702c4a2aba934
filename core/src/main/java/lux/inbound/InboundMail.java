package lux.inbound;

import java.time.Instant;

/**
 * One message as a reader found it.
 *
 * @param key what identifies it in its mailbox for good (its Internet Message-ID, or the
 * reader's own id)
 * @param mime the raw message
 * @param webLink where a person opens it (Outlook on the web), null when the reader has
 * none
 * @param receivedAt when the mailbox received it
 */
public record InboundMail(String key, byte[] mime, String webLink, Instant receivedAt) {
    /**
     * The most of a message a reader hands over: bounces and replies are classified from
     * their headers and first parts, and a 150 MB reply with attachments must not be held
     * in memory.
     */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

}
