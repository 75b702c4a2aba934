package lux.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps JSON bodies of {@code /api/v1} at {@code lux.api.max-json-body} (1 MB) before
 * anything reads them, even before authentication: a declared Content-Length over it is
 * answered 413 at once; a chunked body is read through a stream that fails at the limit
 * ({@link TooLarge}, answered 413 by {@link ApiExceptionHandler}). Uploads (multipart)
 * keep Spring's multipart limits ({@code spring.servlet.multipart.*}).
 */
@Configuration(proxyBeanMethods = false)
class ApiBodyLimit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiBodyLimitFilter(
            @Value("${lux.api.max-json-body:1MB}") DataSize max) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Filter(max.toBytes()));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static String message(long limit) {
        return "The request body is larger than " + limit + " bytes (lux.api.max-json-body); send less per request.";
    }

    /** Thrown by the capped stream once the body passes the limit. */
    static final class TooLarge extends IOException {

        TooLarge(long limit) {
            super(message(limit));
        }

    }

    private static final class Filter extends OncePerRequestFilter {

        private final long limit;

        Filter(long limit) {
            this.limit = limit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/")) {
                chain.doFilter(request, response);
                return;
            }
            if (request.getContentLengthLong() > limit) {
                response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                response.setHeader("Connection", "close");
                response.setContentType("application/problem+json");
                response.getOutputStream()
                    .write(("{\"type\":\"urn:lux:problem:body-too-large\",\"title\":\"Payload Too Large\","
                            + "\"status\":413,\"detail\":\"" + message(limit) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            chain.doFilter(new HttpServletRequestWrapper(request) {
                private ServletInputStream stream;

                @Override
                public ServletInputStream getInputStream() throws IOException {
                    if (stream == null) {
                        stream = new Capped(super.getInputStream(), limit);
                    }
                    return stream;
                }
            }, response);
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
            if (b >= 0 && ++read > limit) {
                throw new TooLarge(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0 && (read += n) > limit) {
                throw new TooLarge(limit);
            }
            return n;
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
