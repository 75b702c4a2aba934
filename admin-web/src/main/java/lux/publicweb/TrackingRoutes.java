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
import java.util.Optional;
import lux.tracking.TrackingService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The open pixel ({@code /t/o/{token}}) and click redirect ({@code /t/c/{token}}),
 * answered by one servlet filter ahead of every other filter: these are the hot public
 * routes (one hit per mail opened or link followed), they need no session, user or CSRF
 * token, and going through Spring Security and the DispatcherServlet cost several times
 * the work of the answer itself (see docs/benchmarks.md "Tracking"). The token is the
 * only input: a token that does not verify is a plain 404 and writes nothing; clicks go
 * only to the URL stored for the campaign, never to one in the request. HEAD answers
 * without counting. Every answer is no-store.
 */
@Configuration(proxyBeanMethods = false)
class TrackingRoutes {

    static final String OPEN = "/t/o/";
    static final String CLICK = "/t/c/";

    @Bean
    FilterRegistrationBean<TrackingFilter> trackingFilter(TrackingService tracking) {
        FilterRegistrationBean<TrackingFilter> registration = new FilterRegistrationBean<>(
                new TrackingFilter(tracking));
        registration.addUrlPatterns(OPEN + "*", CLICK + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before security, observation
                                                           // and Spring MVC
        registration.setName("luxTrackingFilter");
        return registration;
    }

    static final class TrackingFilter implements Filter {

        /** The classic 1x1 transparent GIF89a, 43 bytes. */
        static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

        private final TrackingService tracking;

        TrackingFilter(TrackingService tracking) {
            this.tracking = tracking;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            String path = request.getRequestURI().substring(request.getContextPath().length());
            boolean open = path.startsWith(OPEN);
            if (!open && !path.startsWith(CLICK)) {
                chain.doFilter(req, res); // e.g. a forward or error dispatch to another
                                          // path
                return;
            }
            String method = request.getMethod();
            boolean head = "HEAD".equals(method);
            noStore(response);
            if (!head && !"GET".equals(method)) {
                response.setHeader("Allow", "GET, HEAD");
                response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                response.setContentLength(0);
                return;
            }
            String token = path.substring(OPEN.length()); // both prefixes have the same
                                                          // length
            String agent = request.getHeader("User-Agent");
            if (open) {
                if (!tracking.open(token, agent, head)) {
                    notFound(response);
                    return;
                }
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentType("image/gif");
                response.setContentLength(PIXEL.length);
                if (!head) {
                    response.getOutputStream().write(PIXEL);
                }
                return;
            }
            Optional<String> url = tracking.click(token, agent, head);
            if (url.isEmpty()) {
                notFound(response);
                return;
            }
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", url.get()); // the stored URL, absolute: Tomcat
                                                       // sends it as it is
            response.setContentLength(0);
        }

        /**
         * The headers Spring Security would have added that matter here, and never-cache
         * for every answer.
         */
        private static void noStore(HttpServletResponse response) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
        }

        private static void notFound(HttpServletResponse response) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND); // not sendError: no
                                                                  // error page dispatch
                                                                  // for junk tokens
            response.setContentLength(0);
        }

    }

}
