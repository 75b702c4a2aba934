package lux.teams;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the body of {@code /api/messages} at {@code lux.teams.max-body} before anyone
 * reads it: a declared Content-Length over the limit is answered 413 at once (Tomcat then
 * closes the connection instead of swallowing the rest); a chunked body is read through a
 * stream that fails at the limit ({@link TooLarge}), which the controller answers 413. An
 * Activity is a few kilobytes; without this a few 200 MB posts exhaust the heap.
 */
class BodyLimit extends OncePerRequestFilter {

    private final long limit;

    BodyLimit(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(response, limit);
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    static void refuse(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"" + message(limit) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static String message(long limit) {
        return "The request body is larger than " + limit
                + " bytes (lux.teams.max-body); a Bot Framework Activity is far smaller.";
    }

    /** Thrown by the capped stream once the body passes the limit. */
    static final class TooLarge extends IOException {

        TooLarge(long limit) {
            super(message(limit));
        }

    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;

        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Capped(super.getInputStream(), limit);
            }
            return stream;
        }

    }

    private static final class Capped extends ServletInputStream {

        private final ServletInputStream in;

        private final long limit;

        private long read;

        Capped(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // never ask for more than one byte past the limit, so nothing much beyond it
            // is ever buffered
            int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

    }

}
