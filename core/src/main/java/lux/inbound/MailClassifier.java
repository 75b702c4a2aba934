package lux.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells bounces, auto-replies, unsubscribe mails and human replies apart in a raw MIME
 * message. Pure: no database, no clock; the same code serves the Graph and the IMAP
 * readers. Bounces are RFC 3464 reports (Exchange Online's NDRs are too); an NDR that
 * lost its report part (a forwarded or converted one) is recognised by its subject and
 * status code.
 */
public final class MailClassifier {

    static final Pattern STATUS = Pattern.compile("\\b[245]\\.\\d{1,3}\\.\\d{1,3}\\b");

    private static final Pattern NDR_SUBJECT = Pattern.compile(
            "^\\s*(undeliverable|undelivered mail|unzustellbar|non remis|delivery status notification \\((failure|delay)\\)"
                    + "|mail delivery failed|returned mail|failure notice|delivery (has )?failed)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern OOF_SUBJECT = Pattern.compile(
            "^\\s*(automatic reply|auto(matische)? ?(antwort|reply)|out of (the )?office|abwesenheit(snotiz)?|r\u00e9ponse automatique"
                    + "|autosvar|respuesta autom\u00e1tica|risposta automatica)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern UNSUBSCRIBE_SUBJECT = Pattern
        .compile("^\\s*unsubscribe\\s+([A-Za-z0-9_.~-]{8,600})\\s*$", Pattern.CASE_INSENSITIVE);

    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private static final Session SESSION = Session.getInstance(new Properties());

    private static final int MAX_TEXT = 256 * 1024;

    /**
     * Classifies one message; a message that cannot be parsed at all is OTHER (it is
     * filed, never lost).
     */
    public Classification classify(byte[] mime) {
        MimeMessage m;
        String subject;
        try {
            m = new MimeMessage(SESSION, new ByteArrayInputStream(mime));
            subject = m.getSubject() == null ? "" : m.getSubject();
        }
        catch (MessagingException e) {
            return new Classification(InboundKind.OTHER, null, null, null, null, "");
        }
        try {
            Classification bounce = bounce(m, subject);
            if (bounce != null) {
                return bounce;
            }
            String ownId = RecipientRef.find(headers(m, "In-Reply-To", "References"));
            Matcher unsubscribe = UNSUBSCRIBE_SUBJECT.matcher(subject);
            if (unsubscribe.matches()) {
                return new Classification(InboundKind.UNSUBSCRIBE, ownId, null, null, unsubscribe.group(1), subject);
            }
            if (autoReply(m, subject)) {
                return new Classification(InboundKind.AUTO_REPLY, ownId, null, null, null, subject);
            }
            return new Classification(ownId == null ? InboundKind.OTHER : InboundKind.REPLY, ownId, null, null, null,
                    subject);
        }
        catch (MessagingException | IOException | RuntimeException e) {
            return new Classification(InboundKind.OTHER, null, null, null, null, subject);
        }
    }

    /** A bounce, or null when the message is not one (a success DSN is OTHER). */
    private Classification bounce(MimeMessage m, String subject) throws MessagingException, IOException {
        if (m.isMimeType("multipart/report") && m.getContent() instanceof Multipart report) {
            DeliveryStatus status = null;
            String original = null;
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < report.getCount(); i++) {
                BodyPart part = report.getBodyPart(i);
                if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                    try (InputStream in = part.getInputStream()) {
                        status = DeliveryStatus.parse(in);
                    }
                }
                else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                    original = originalId(part);
                }
                else {
                    text.append(text(part));
                }
            }
            if (status != null) {
                DeliveryStatus.Recipient worst = status.worst();
                if (worst == null) {
                    return new Classification(InboundKind.OTHER, original, null, null, null, subject);
                }
                String id = original != null ? original : RecipientRef.find(text.toString());
                return new Classification(worst.hard() ? InboundKind.HARD_BOUNCE : InboundKind.SOFT_BOUNCE, id,
                        worst.address(), worst.status(), null, subject);
            }
        }
        if (!NDR_SUBJECT.matcher(subject).find()) {
            return null;
        }
        String body = text(m);
        Matcher code = STATUS.matcher(body);
        String status = null;
        while (code.find()) {
            if (!code.group().startsWith("2")) {
                status = code.group();
                break;
            }
        }
        if (status == null) {
            return null; // says "undeliverable" but gives no reason: a person may have
                         // written it
        }
        return new Classification(status.startsWith("5") ? InboundKind.HARD_BOUNCE : InboundKind.SOFT_BOUNCE,
                RecipientRef.find(body), failedAddress(m, body), status, null, subject);
    }

    /**
     * The LUX id in the returned original: X-LUX-Message-Id first, then its Message-ID.
     */
    private static String originalId(Part part) throws MessagingException, IOException {
        String lux;
        String messageId;
        if (part.getContent() instanceof MimeMessage original) {
            lux = original.getHeader("X-LUX-Message-Id", null);
            messageId = original.getHeader("Message-ID", null);
        }
        else {
            try (InputStream in = part.getInputStream()) {
                InternetHeaders h = new InternetHeaders(in);
                lux = h.getHeader("X-LUX-Message-Id", null);
                messageId = h.getHeader("Message-ID", null);
            }
        }
        String id = RecipientRef.find(lux);
        return id != null ? id : RecipientRef.find(messageId);
    }

    /**
     * The first address in an NDR's text that is neither its sender nor its addressee:
     * the one that failed.
     */
    private static String failedAddress(MimeMessage m, String body) throws MessagingException {
        String own = (headers(m, "From", "To") + " ").toLowerCase(Locale.ROOT);
        Matcher a = ADDRESS.matcher(body);
        while (a.find()) {
            String address = a.group().toLowerCase(Locale.ROOT);
            if (!own.contains(address)) {
                return address;
            }
        }
        return null;
    }

    private static boolean autoReply(MimeMessage m, String subject) throws MessagingException {
        String autoSubmitted = m.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = m.getHeader("Precedence", null);
        return m.getHeader("X-Auto-Response-Suppress") != null || m.getHeader("X-Autoreply") != null
                || m.getHeader("X-Autorespond") != null
                || precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("auto_reply|bulk|junk")
                || OOF_SUBJECT.matcher(subject).find();
    }

    private static String headers(MimeMessage m, String... names) throws MessagingException {
        StringBuilder s = new StringBuilder();
        for (String name : names) {
            String[] values = m.getHeader(name);
            if (values != null) {
                for (String v : values) {
                    s.append(v).append(' ');
                }
            }
        }
        return s.toString();
    }

    /**
     * The readable text of a part (text parts of any nesting, capped), for status codes
     * and ids.
     */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            Object content = part.getContent();
            String s = content instanceof String str ? str : "";
            return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart parts) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < parts.getCount() && s.length() < MAX_TEXT; i++) {
                s.append(text(parts.getBodyPart(i))).append('\n');
            }
            return s.toString();
        }
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage inner) {
            return headers(inner, "Message-ID", "X-LUX-Message-Id", "To") + "\n" + text(inner);
        }
        return "";
    }

}
