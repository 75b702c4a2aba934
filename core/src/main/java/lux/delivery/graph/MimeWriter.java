package lux.delivery.graph;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import lux.delivery.OutgoingMessage;

/**
 * Writes one campaign message as MIME for Graph's MIME sendMail: multipart/alternative
 * (text, then HTML, both UTF-8 quoted-printable), From, To, Subject, Date, Message-ID,
 * LUX's headers and the RFC 8058 List-Unsubscribe pair. Written directly (Jakarta Mail
 * only for address checks and header encoding): building it through MimeMessage and
 * Jakarta's quoted-printable stream cost about 100 times more than the JSON body, on a
 * path that must keep up with thousands of messages a second.
 */
final class MimeWriter {

    private static final String CRLF = "\r\n";

    private static final java.util.regex.Pattern LINE_BREAKS = java.util.regex.Pattern.compile("[\r\n]+");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    private MimeWriter() {
    }

    /**
     * The message bytes; an {@link AddressException} names the address that is not one.
     */
    static byte[] write(OutgoingMessage m, String unsubscribeMailto, Instant now) throws AddressException {
        InternetAddress from = new InternetAddress(m.from(), true);
        InternetAddress to = new InternetAddress(m.to(), true);
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        // "=_" never occurs in quoted-printable output, so the boundary cannot collide
        // with the parts
        String boundary = "=_lux_" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(System.nanoTime());

        ByteArrayOutputStream out = new ByteArrayOutputStream(
                2 * (m.html().length() + (m.text() == null ? 0 : m.text().length())) + 1024);
        StringBuilder h = new StringBuilder(1024);
        header(h, "From", from.toString());
        header(h, "To", to.toString());
        header(h, "Subject", encoded(m.subject()));
        header(h, "Date", DATE.format(now.atOffset(ZoneOffset.UTC)));
        header(h, "Message-ID", "<" + m.luxMessageId() + "@" + domain + ">"); // traces a
                                                                              // reply or
                                                                              // bounce to
                                                                              // the
                                                                              // recipient
                                                                              // row
        for (Map.Entry<String, String> e : m.headers().entrySet()) {
            header(h, e.getKey(), e.getValue());
        }
        if (m.unsubscribeUrl() != null) {
            // the subject carries the signed token of the one-click link, so a mail
            // cannot unsubscribe someone else
            String token = m.unsubscribeUrl().substring(m.unsubscribeUrl().lastIndexOf('/') + 1);
            String mailto = unsubscribeMailto == null || unsubscribeMailto.isBlank() ? ""
                    : ", <mailto:" + unsubscribeMailto.strip() + "?subject="
                            + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20")
                            + ">";
            header(h, "List-Unsubscribe", "<" + m.unsubscribeUrl() + ">" + mailto);
            header(h, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        header(h, "MIME-Version", "1.0");
        header(h, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        h.append(CRLF);
        ascii(out, h);
        if (m.text() != null && !m.text().isBlank()) {
            part(out, boundary, "text/plain", m.text());
        }
        part(out, boundary, "text/html", m.html()); // last: the part clients prefer
        ascii(out, new StringBuilder("--").append(boundary).append("--").append(CRLF));
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String type, String content) {
        ascii(out,
                new StringBuilder("--").append(boundary)
                    .append(CRLF)
                    .append("Content-Type: ")
                    .append(type)
                    .append("; charset=UTF-8")
                    .append(CRLF)
                    .append("Content-Transfer-Encoding: quoted-printable")
                    .append(CRLF)
                    .append(CRLF));
        quotedPrintable(content.getBytes(StandardCharsets.UTF_8), out);
        ascii(out, new StringBuilder(CRLF));
    }

    /**
     * RFC 2045 quoted-printable: printable ASCII as is (but "="), spaces and tabs as is
     * unless a line ends after them, any line break as CRLF, everything else as =XX,
     * lines at most 76 characters with soft breaks.
     */
    static void quotedPrintable(byte[] in, ByteArrayOutputStream out) {
        byte[] buf = new byte[in.length * 3 + in.length / 24 * 3 + 3];
        int n = 0;
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
                buf[n++] = '\r';
                buf[n++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEndsNext = i + 1 == in.length || in[i + 1] == '\r' || in[i + 1] == '\n';
            boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !lineEndsNext;
            int width = literal ? 1 : 3;
            if (column + width > 75) {
                buf[n++] = '=';
                buf[n++] = '\r';
                buf[n++] = '\n';
                column = 0;
            }
            if (literal) {
                buf[n++] = (byte) b;
            }
            else {
                buf[n++] = '=';
                buf[n++] = (byte) HEX[b >> 4];
                buf[n++] = (byte) HEX[b & 15];
            }
            column += width;
        }
        out.write(buf, 0, n);
    }

    /**
     * One header line, folded below 78 characters where it has spaces; CR/LF in values
     * cannot start a new header.
     */
    private static void header(StringBuilder h, String name, String value) {
        String clean = oneLine(value);
        h.append(name)
            .append(": ")
            .append(name.length() + 2 + clean.length() > 76 ? MimeUtility.fold(name.length() + 2, clean) : clean)
            .append(CRLF);
    }

    private static String oneLine(String value) {
        return value.indexOf('\r') < 0 && value.indexOf('\n') < 0 ? value : LINE_BREAKS.matcher(value).replaceAll(" ");
    }

    private static String encoded(String text) {
        try {
            return MimeUtility.encodeText(oneLine(text), "UTF-8", null);
        }
        catch (java.io.UnsupportedEncodingException e) {
            throw new UncheckedIOException(e); // UTF-8 is always there
        }
    }

    private static void ascii(ByteArrayOutputStream out, CharSequence s) {
        out.writeBytes(s.toString().getBytes(StandardCharsets.US_ASCII));
    }

}
