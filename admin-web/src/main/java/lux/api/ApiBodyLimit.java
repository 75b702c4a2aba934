package lux.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import lux.shared.web.BodyLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * Caps JSON bodies of {@code /api/v1} at {@code lux.api.max-json-body} (1 MB) before
 * anything reads them, even before authentication ({@link BodyLimit}; a chunked body's
 * {@link BodyLimit.TooLarge} is answered 413 by {@link ApiExceptionHandler}). Uploads
 * (multipart) keep Spring's multipart limits ({@code spring.servlet.multipart.*}).
 */
@Configuration(proxyBeanMethods = false)
class ApiBodyLimit {

    @Bean
    FilterRegistrationBean<BodyLimit> apiBodyLimitFilter(@Value("${lux.api.max-json-body:1MB}") DataSize max) {
        long limit = max.toBytes();
        FilterRegistrationBean<BodyLimit> registration = new FilterRegistrationBean<>(new BodyLimit(limit,
                "The request body is larger than " + limit + " bytes (lux.api.max-json-body); send less per request.",
                (response, message) -> {
                    response.setContentType("application/problem+json");
                    response.getOutputStream()
                        .write(("{\"type\":\"urn:lux:problem:body-too-large\",\"title\":\"Payload Too Large\","
                                + "\"status\":413,\"detail\":\"" + message + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
                }, request -> request.getContentType() != null
                        && request.getContentType().toLowerCase(Locale.ROOT).startsWith("multipart/")));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

}
