package lux.inbound;

import java.util.HashMap;
import java.util.Map;

/**
 * One reading of one mailbox: hands each message to the processor and gathers the
 * replies, so the owner hears "3 people replied" once per reading rather than once per
 * mail. Used by one reader thread.
 */
public final class InboundRun {

    private final String mailbox;

    private final InboundProcessor processor;

    private final Map<Long, Long> replies = new HashMap<>();

    private final Map<Long, String> links = new HashMap<>();

    private int handled;

    InboundRun(String mailbox, InboundProcessor processor) {
        this.mailbox = mailbox;
        this.processor = processor;
    }

    /**
     * Acts on the message unless that was done before; either way it may then be filed
     * away.
     */
    public InboundProcessor.Handled accept(InboundMail mail) {
        InboundProcessor.Handled h = processor.handle(mailbox, mail);
        handled++;
        if (h.fresh() && h.kind() == InboundKind.REPLY && h.campaignId() != null) {
            replies.merge(h.campaignId(), 1L, Long::sum);
            if (mail.webLink() != null) {
                links.put(h.campaignId(), mail.webLink());
            }
        }
        return h;
    }

    /** Messages handed over so far (new or not). */
    public int handled() {
        return handled;
    }

    /** Announces the replies of this reading. */
    public void finish() {
        if (!replies.isEmpty()) {
            processor.announce(Map.copyOf(replies), Map.copyOf(links));
        }
    }

}
