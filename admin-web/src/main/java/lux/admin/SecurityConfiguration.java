package lux.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.SessionCookieConfig;
import lux.api.ApiAuthenticationEntryPoint;
import lux.api.ApiTokenAuthenticationFilter;
import lux.config.CoreProperties;
import lux.users.ApiTokenService;
import lux.users.UserService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * Security for the whole web application. Two chains: the JSON API (token or console session, problem+json
 * errors, no redirects) and everything else (console form login, public tracking/unsubscribe/bot routes).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(ConsoleProperties.class)
class SecurityConfiguration {
    /** Console pages load nothing from elsewhere and run only our own scripts. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: https: http:; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; "
            + "object-src 'none'; base-uri 'self'";

    /**
     * What only admins may do, in the console and the API alike: users, tokens, GDPR erasure, senders, settings
     * (and the audit log in the console). A token acts with its owner's current role.
     */
    static final String[] ADMIN_CONSOLE_ROUTES = {"/admin/users/**", "/admin/tokens/**", "/admin/settings/**", "/admin/audit/**",
        "/admin/senders/**", "/admin/contacts/*/erase"};
    static final String[] ADMIN_API_ROUTES = {"/api/v1/users/**", "/api/v1/tokens/**", "/api/v1/gdpr/**",
        "/api/v1/senders/**", "/api/v1/settings/**", "/api/v1/audit/**"};

    /** Routes other features own and protect themselves (bot JWT, tracking tokens, unsubscribe tokens, sign-up forms' own anti-abuse). */
    static final String[] PUBLIC_ROUTES = {"/t/**", "/u/**", "/s/**", "/charts/**", "/actuator/health", "/actuator/health/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        // Core's BootstrapAdmin stores plain BCrypt hashes; keep the same encoding.
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokenService tokens, UserService users, ObjectMapper json)
            throws Exception {
        ApiAuthenticationEntryPoint problems = new ApiAuthenticationEntryPoint(json);
        http.securityMatcher("/api/v1/**")
                .addFilterAfter(new LiveAccountFilter(users), SecurityContextHolderFilter.class)
                .addFilterAfter(new ApiTokenAuthenticationFilter(tokens, json), LiveAccountFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/openapi.json").permitAll()
                        .requestMatchers(ADMIN_API_ROUTES).hasRole("ADMIN")
                        .anyRequest().authenticated())
                // A token is not sent by browsers on their own, so token calls need no CSRF token; session calls do.
                .csrf(csrf -> csrf.ignoringRequestMatchers(ApiTokenAuthenticationFilter::hasBearer))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
                                 UserService accounts) throws Exception {
        // The only way to sign in, with no parent manager: a throttled try must not fall through to another provider.
        http.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(users, encoder, throttle)))
                .addFilterAfter(new LiveAccountFilter(accounts), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_ROUTES).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/messages").permitAll()
                        .requestMatchers("/admin/login", "/admin/assets/**", "/webjars/**", "/error").permitAll()
                        .requestMatchers(ADMIN_CONSOLE_ROUTES).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/messages", "/t/**", "/u/**", "/s/**", "/charts/**"))
                .formLogin(form -> form.loginPage("/admin/login").loginProcessingUrl("/admin/login")
                        .defaultSuccessUrl("/admin", false).failureUrl("/admin/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.sameOrigin())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new AntPathRequestMatcher("/admin/**"),
                                new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CSP))));
        return http.build();
    }

    /** HttpOnly always; Secure whenever LUX is reached over https (lux.public-base-url), i.e. behind TLS. */
    @Bean
    ServletContextInitializer sessionCookie(CoreProperties core) {
        return servletContext -> {
            SessionCookieConfig cookie = servletContext.getSessionCookieConfig();
            cookie.setHttpOnly(true);
            if ("https".equalsIgnoreCase(core.publicBaseUrl().getScheme())) {
                cookie.setSecure(true);
            }
        };
    }
}
