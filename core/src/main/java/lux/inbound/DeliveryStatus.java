package lux.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;

/**
 * The per-recipient fields of an RFC 3464 {@code message/delivery-status} body: blocks of
 * header lines separated by blank lines, the first about the message, each further one
 * about one recipient.
 */
record DeliveryStatus(List<Recipient> recipients) {
    /**
     * One recipient block: its Action ({@code failed}, {@code delayed}, ...), Status and
     * address.
     */
    record Recipient(String action, String status, String address) {
        boolean failed() {
            return "failed".equals(action);
        }

        boolean delayed() {
            return "delayed".equals(action);
        }

        boolean hard() {
            return failed() && status != null && status.startsWith("5");
        }
    }

    static DeliveryStatus parse(InputStream body) throws IOException, MessagingException {
        String text = new String(body.readNBytes(256 * 1024), java.nio.charset.StandardCharsets.UTF_8).replace("\r\n",
                "\n");
        List<Recipient> recipients = new ArrayList<>();
        String[] blocks = text.split("\n\\s*\n");
        for (int i = 1; i < blocks.length; i++) { // block 0 is about the message
            InternetHeaders h = new InternetHeaders(new ByteArrayInputStream(
                    (blocks[i].strip() + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            String action = lower(h.getHeader("Action", null));
            if (action == null) {
                continue;
            }
            String status = h.getHeader("Status", null);
            if (status != null) {
                java.util.regex.Matcher m = MailClassifier.STATUS.matcher(status);
                status = m.find() ? m.group() : null;
            }
            String address = address(h.getHeader("Final-Recipient", null));
            if (address == null) {
                address = address(h.getHeader("Original-Recipient", null));
            }
            recipients.add(new Recipient(action, status, address));
        }
        return new DeliveryStatus(List.copyOf(recipients));
    }

    /**
     * The first recipient that failed, else the first delayed one, else null (a success
     * report).
     */
    Recipient worst() {
        return recipients.stream()
            .filter(Recipient::failed)
            .findFirst()
            .orElseGet(() -> recipients.stream().filter(Recipient::delayed).findFirst().orElse(null));
    }

    /** {@code rfc822; Ann@Example.com} as {@code ann@example.com}. */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String a = (semicolon < 0 ? field : field.substring(semicolon + 1)).strip().replaceAll("^<|>$", "");
        return a.contains("@") ? a.toLowerCase(Locale.ROOT) : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
