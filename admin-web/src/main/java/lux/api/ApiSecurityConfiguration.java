package lux.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import lux.admin.LiveAccountFilter;
import lux.users.ApiTokenService;
import lux.users.UserService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The JSON API's own security chain: an API token or a console session, problem+json
 * errors, no redirects. Only /api/v1 is matched; the console's chain (lux.admin) takes
 * whatever no module claimed.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    /**
     * What only admins may do through the API (as in the console): users, tokens, GDPR
     * erasure, senders, settings, public topics, the audit log. A token acts with its
     * owner's current role.
     */
    static final String[] ADMIN_API_ROUTES = { "/api/v1/users/**", "/api/v1/tokens/**", "/api/v1/gdpr/**",
            "/api/v1/senders/**", "/api/v1/settings/**", "/api/v1/audit/**", "/api/v1/topics/**" };

    @Bean
    @Order(10)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenService tokens, UserService users, ObjectMapper json)
            throws Exception {
        ApiAuthenticationEntryPoint problems = new ApiAuthenticationEntryPoint(json);
        http.securityMatcher("/api/v1/**")
            .addFilterAfter(new LiveAccountFilter(users), SecurityContextHolderFilter.class)
            .addFilterAfter(new ApiTokenAuthenticationFilter(tokens, json), LiveAccountFilter.class)
            .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/openapi.json")
                .permitAll()
                .requestMatchers(ADMIN_API_ROUTES)
                .hasRole("ADMIN")
                .anyRequest()
                .authenticated())
            // A token is not sent by browsers on their own, so token calls need no CSRF
            // token; session calls do.
            .csrf(csrf -> csrf.ignoringRequestMatchers(ApiTokenAuthenticationFilter::hasBearer))
            .requestCache(cache -> cache.requestCache(new NullRequestCache()))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .formLogin(form -> form.disable())
            .httpBasic(basic -> basic.disable())
            .logout(logout -> logout.disable());
        return http.build();
    }

}
