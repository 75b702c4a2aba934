package lux.publicweb;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.catalina.connector.Response;
import org.apache.tomcat.util.http.FastHttpDateFormat;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * The tracking answers' fixed headers. Where the answer goes through Tomcat's connector
 * (the valve), they go into Tomcat's header list as bytes made once: a header given as a
 * String is converted to bytes for every response, its name and its value, which was a
 * third of what a Tomcat thread allocated per hit (docs/benchmarks.md "Eighth sitting").
 * The Date header, which Tomcat would add the same way, is kept as bytes for the second
 * it names. Elsewhere (the servlet filter, under MockMvc or another container) the
 * servlet API sets the same headers.
 */
final class TrackingHeaders {

    private static final Header CACHE_CONTROL = new Header("Cache-Control", "no-store");

    private static final Header PRAGMA = new Header("Pragma", "no-cache");

    private static final Header NO_SNIFF = new Header("X-Content-Type-Options", "nosniff");

    private static final Header GIF = new Header("Content-Type", "image/gif");

    private static final List<Header> NO_STORE = List.of(CACHE_CONTROL, PRAGMA, NO_SNIFF);

    private static volatile Header date = new Header("Date", FastHttpDateFormat.getCurrentDate());

    private TrackingHeaders() {
    }

    /**
     * For every answer: never cached, and the header of those Spring Security adds that
     * matters here (the valve answers before it).
     */
    static void noStore(HttpServletResponse response) {
        MimeHeaders tomcat = tomcatHeaders(response);
        for (Header header : NO_STORE) {
            if (tomcat == null) {
                response.setHeader(header.name(), header.value());
            }
            else {
                add(tomcat, header);
            }
        }
        if (tomcat != null) {
            add(tomcat, currentDate()); // or Tomcat adds it from a String
        }
    }

    /** The pixel's content type. */
    static void gif(HttpServletResponse response) {
        MimeHeaders tomcat = tomcatHeaders(response);
        if (tomcat == null) {
            response.setContentType(GIF.value());
        }
        else {
            add(tomcat, GIF);
        }
    }

    private static MimeHeaders tomcatHeaders(HttpServletResponse response) {
        return response instanceof Response connector ? connector.getCoyoteResponse().getMimeHeaders() : null;
    }

    private static void add(MimeHeaders headers, Header header) {
        headers.addValue(header.nameBytes(), 0, header.nameBytes().length)
            .setBytes(header.valueBytes(), 0, header.valueBytes().length);
    }

    /** Tomcat's own Date text (made once a second), as bytes made once per text. */
    private static Header currentDate() {
        String now = FastHttpDateFormat.getCurrentDate();
        Header cached = date;
        if (!cached.value().equals(now)) {
            cached = new Header("Date", now);
            date = cached;
        }
        return cached;
    }

    /** Tomcat reads these arrays when it writes the response and never changes them. */
    private record Header(String name, String value, byte[] nameBytes, byte[] valueBytes) {

        Header(String name, String value) {
            this(name, value, name.getBytes(StandardCharsets.ISO_8859_1), value.getBytes(StandardCharsets.ISO_8859_1));
        }

    }

}
