package lux.publicweb;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A sign-up is three short fields: a public POST to {@code /s/**} larger than 16 KB is
 * refused (413) before anything reads it, and one without a declared length (chunked)
 * gets 411; browsers always declare it.
 */
@Configuration(proxyBeanMethods = false)
class SignupBodyLimit {

    static final long LIMIT = 16 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> signupBodyLimitFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                            FilterChain chain) throws ServletException, IOException {
                        if ("POST".equals(request.getMethod()) && request.getContentLengthLong() < 0) {
                            response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
                        }
                        else if (request.getContentLengthLong() > LIMIT) {
                            response.setHeader("Connection", "close");
                            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                        }
                        else {
                            chain.doFilter(request, response);
                        }
                    }
                });
        registration.addUrlPatterns("/s/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

}
