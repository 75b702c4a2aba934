package lux.publicweb;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public routes' own chain: anyone with a mail may open, click and unsubscribe,
 * without a session or a CSRF token (mail clients post RFC 8058 one-click unsubscribes).
 * The token in the path is what protects them.
 */
@Configuration(proxyBeanMethods = false)
class PublicRoutesSecurityConfiguration {

    static final String[] PUBLIC_ROUTES = { "/t/**", "/u/**", "/s/**" };

    @Bean
    @Order(30)
    SecurityFilterChain publicRoutesChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PUBLIC_ROUTES)
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable())
            .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

}
