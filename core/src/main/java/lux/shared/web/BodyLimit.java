package lux.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps a request body before anything reads it, even before authentication: a declared
 * Content-Length over the limit is answered 413 at once (with {@code Connection: close},
 * so the server does not swallow the rest); a chunked body is read through a stream that
 * fails at the limit ({@link TooLarge}), which the module's handler answers 413. Used for
 * the bot's {@code /api/messages} and the JSON API; each says what its 413 looks like.
 */
public final class BodyLimit extends OncePerRequestFilter {

    /** Writes the 413 for a body whose declared length is over the limit. */
    @FunctionalInterface
    public interface Refusal {

        void write(HttpServletResponse response, String message) throws IOException;

    }

    private final long limit;

    private final String message;

    private final Refusal refusal;

    private final Predicate<HttpServletRequest> exempt;

    /**
     * @param message what a refusal says (names the setting and what to do)
     * @param exempt requests left to other limits (the API's multipart uploads)
     */
    public BodyLimit(long limit, String message, Refusal refusal, Predicate<HttpServletRequest> exempt) {
        this.limit = limit;
        this.message = message;
        this.refusal = refusal;
        this.exempt = exempt;
    }

    public long limit() {
        return limit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return exempt.test(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setHeader("Connection", "close");
            refusal.write(response, message);
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    /** Thrown by the capped stream once the body passes the limit. */
    public static final class TooLarge extends IOException {

        TooLarge(String message) {
            super(message);
        }

    }

    private final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Capped(super.getInputStream());
            }
            return stream;
        }

    }

    private final class Capped extends ServletInputStream {

        private final ServletInputStream in;

        private long read;

        Capped(ServletInputStream in) {
            this.in = in;
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
                throw new TooLarge(message);
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
