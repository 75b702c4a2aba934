package lux.publicweb;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import lux.tracking.TrackingHits;
import lux.tracking.TrackingService;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The open pixel ({@code /t/o/{token}}) and click redirect ({@code /t/c/{token}}): the
 * hot public routes (one hit per mail opened or link followed). They need no session,
 * user or CSRF token, so they are answered by a Tomcat valve at the head of the engine's
 * pipeline, before Tomcat's other valves (remote IP, host, authenticator, context,
 * wrapper), the servlet filter chain (built per request), Spring Security and the
 * DispatcherServlet: each of those cost more than the answer itself (see
 * docs/benchmarks.md "Tracking"). A servlet filter ahead of all others answers the same
 * way where no Tomcat valve runs (MockMvc, another container). The token is the only
 * input: a token that does not verify is a plain 404 and writes nothing; clicks go only
 * to the URL stored for the campaign, never to one in the request. HEAD answers without
 * counting. Every answer is no-store. A click whose stored URL cannot be read (the
 * database is down) is a 503 with Retry-After, never the container's bare error.
 */
@Configuration(proxyBeanMethods = false)
class TrackingRoutes {

    private static final Logger log = LoggerFactory.getLogger(TrackingRoutes.class);

    private static final long FAILURE_LOG_EVERY = TimeUnit.MINUTES.toNanos(1);

    private static final AtomicLong lastFailureLogged = new AtomicLong(System.nanoTime() - FAILURE_LOG_EVERY - 1);

    private static final LongAdder failures = new LongAdder();

    static final String OPEN = "/t/o/";

    static final String CLICK = "/t/c/";

    /** The classic 1x1 transparent GIF89a, 43 bytes. */
    static final byte[] PIXEL = Base64.getDecoder()
        .decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    @Bean
    FilterRegistrationBean<TrackingFilter> trackingFilter(TrackingService tracking) {
        FilterRegistrationBean<TrackingFilter> registration = new FilterRegistrationBean<>(
                new TrackingFilter(tracking.hits()));
        registration.addUrlPatterns(OPEN + "*", CLICK + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before security, observation
                                                           // and Spring MVC
        registration.setName("luxTrackingFilter");
        return registration;
    }

    @Bean
    TrackingValveInstaller trackingValve(TrackingService tracking) {
        return new TrackingValveInstaller(new TrackingValve(tracking.hits()));
    }

    /**
     * Puts the valve first in the engine's pipeline: it runs before Spring Boot's own
     * customizers add theirs (the RemoteIpValve of
     * {@code server.forward-headers-strategy=native}), so those are skipped for hits.
     */
    static final class TrackingValveInstaller
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final TrackingValve valve;

        TrackingValveInstaller(TrackingValve valve) {
            this.valve = valve;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addEngineValves(valve);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

    }

    /**
     * Answers the tracking routes of the mapped context and passes every other request
     * on.
     */
    static final class TrackingValve extends ValveBase {

        private final TrackingHits hits;

        TrackingValve(TrackingHits hits) {
            super(true);
            this.hits = hits;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            if (request.getContext() == null || !answer(hits, request, response)) {
                getNext().invoke(request, response);
            }
        }

    }

    static final class TrackingFilter implements Filter {

        private final TrackingHits hits;

        TrackingFilter(TrackingHits hits) {
            this.hits = hits;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            if (!answer(hits, (HttpServletRequest) req, (HttpServletResponse) res)) {
                chain.doFilter(req, res); // e.g. a forward or error dispatch to another
                                          // path
            }
        }

    }

    /**
     * Answers a tracking route; false (nothing written) for any other path.
     */
    static boolean answer(TrackingHits hits, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String uri = request.getRequestURI();
        int start = request.getContextPath().length();
        boolean open = uri.startsWith(OPEN, start);
        if (!open && !uri.startsWith(CLICK, start)) {
            return false;
        }
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        TrackingHeaders.noStore(response);
        if (!head && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setContentLength(0);
            return true;
        }
        String token = uri.substring(start + OPEN.length()); // both prefixes have the
                                                             // same length
        String agent = request.getHeader("User-Agent");
        if (open) {
            if (!hits.open(token, agent, head)) {
                notFound(response);
                return true;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            TrackingHeaders.gif(response);
            response.setContentLength(PIXEL.length);
            if (!head) {
                response.getOutputStream().write(PIXEL);
            }
            return true;
        }
        String url;
        try {
            url = hits.click(token, agent, head);
        }
        catch (RuntimeException e) {
            // the stored URL could not be read (the database is unreachable, say): a
            // clear "try again" with the same headers, not the container's bare 500
            // and its stack trace; the reader's next click works once it is back
            unavailable(response, e);
            return true;
        }
        if (url == null) {
            notFound(response);
            return true;
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", url); // the stored URL, absolute: Tomcat sends it
                                             // as it is
        response.setContentLength(0);
        return true;
    }

    private static void unavailable(HttpServletResponse response, RuntimeException e) {
        long now = System.nanoTime();
        long last = lastFailureLogged.get();
        // at most one line a minute: every click fails the same way while it lasts
        if (now - last > FAILURE_LOG_EVERY && lastFailureLogged.compareAndSet(last, now)) {
            log.warn("A click could not be answered ({} since the last such line): {}", failures.sumThenReset() + 1,
                    e.toString());
        }
        else {
            failures.increment();
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "30");
        response.setContentLength(0);
    }

    private static void notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND); // not sendError: no error
                                                              // page dispatch for junk
                                                              // tokens
        response.setContentLength(0);
    }

}
