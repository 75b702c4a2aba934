package lux.inbound;

import java.util.List;

/**
 * Reads new messages of mailboxes (Graph, IMAP) and hands them to an {@link InboundRun}.
 */
public interface MailboxReader {

    /** The mailboxes this reader reads. */
    List<String> mailboxes();

    /**
     * Reads what is new in {@code mailbox}, handing each message to {@code run} and
     * filing it once handled.
     */
    void read(String mailbox, InboundRun run) throws Exception;

}
