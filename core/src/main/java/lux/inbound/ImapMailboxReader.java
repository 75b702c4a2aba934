package lux.inbound;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * With SMTP delivery, DSNs go to the envelope sender's mailbox: this reads it over IMAP
 * (Jakarta Mail), hands each message to the same classifier and processor as Graph, and
 * moves it to the processed folder (copy, flag deleted, expunge). Messages are keyed by
 * Message-ID, else by UIDVALIDITY and UID, so a message read twice is acted on once.
 */
@Component
@ConditionalOnExpression("'${lux.inbound.enabled:false}' == 'true' and '${lux.inbound.imap.host:}' != ''")
class ImapMailboxReader implements MailboxReader {

    /** Messages read per reading at most; the rest wait for the next one. */
    static final int BATCH = 500;

    private final InboundProperties properties;

    ImapMailboxReader(InboundProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<String> mailboxes() {
        InboundProperties.Imap imap = properties.imap();
        return List.of("imap:" + imap.username() + "@" + imap.host() + "/" + imap.folder());
    }

    @Override
    public void read(String mailbox, InboundRun run) throws MessagingException, IOException {
        InboundProperties.Imap imap = properties.imap();
        String protocol = imap.ssl() ? "imaps" : "imap";
        Properties p = new Properties();
        String timeout = Long.toString(imap.timeout().toMillis());
        p.put("mail." + protocol + ".connectiontimeout", timeout);
        p.put("mail." + protocol + ".timeout", timeout);
        if (!imap.ssl() && imap.starttls()) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect(imap.host(), imap.port(), imap.username(), imap.password());
        try {
            Folder inbox = store.getFolder(imap.folder());
            Folder processed = store.getFolder(properties.processedFolder());
            if (!processed.exists()) {
                processed.create(Folder.HOLDS_MESSAGES);
            }
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] messages = inbox.getMessages();
                for (int i = 0; i < messages.length && i < BATCH; i++) {
                    Message m = messages[i];
                    if (m.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    run.accept(new InboundMail(key(inbox, m), bytes(m), null,
                            m.getReceivedDate() == null ? null : m.getReceivedDate().toInstant()));
                    inbox.copyMessages(new Message[] { m }, processed);
                    m.setFlag(Flags.Flag.DELETED, true);
                }
            }
            finally {
                inbox.close(true); // expunges what was copied
            }
        }
        finally {
            store.close();
        }
    }

    private static String key(Folder folder, Message m) throws MessagingException {
        String[] id = m.getHeader("Message-ID");
        if (id != null && id.length > 0 && !id[0].isBlank()) {
            return id[0].strip();
        }
        if (folder instanceof UIDFolder uids) {
            return "imap-uid:" + uids.getUIDValidity() + ":" + uids.getUID(m);
        }
        return "imap-hash:" + java.util.HexFormat.of().formatHex(sha256(bytesQuietly(m)));
    }

    /**
     * The message, or only its headers when it is larger than
     * {@link InboundMail#MAX_BYTES} (a reply with attachments).
     */
    private static byte[] bytes(Message m) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (m.getSize() > InboundMail.MAX_BYTES && m instanceof jakarta.mail.internet.MimeMessage mime) {
            java.util.Enumeration<String> lines = mime.getAllHeaderLines();
            while (lines.hasMoreElements()) {
                out.writeBytes((lines.nextElement() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return out.toByteArray();
        }
        m.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] bytesQuietly(Message m) {
        try {
            return bytes(m);
        }
        catch (IOException | MessagingException e) {
            return new byte[0];
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

}
