package lux.admin;

import jakarta.servlet.SessionCookieConfig;
import lux.config.CoreProperties;
import lux.users.UserService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * The console's security: form sign-in, roles, CSRF, a strict CSP. Every module owns its
 * routes' chain (the API in lux.api, the public tracking routes in lux.publicweb, the bot
 * in lux.teams, health in lux.launch); this chain comes last and takes every request none
 * of them matched, so a route nobody claimed needs a console sign-in.
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
     * What only admins may do in the console: users, tokens, GDPR erasure, senders,
     * settings and the audit log (the API's own list is lux.api's).
     */
    static final String[] ADMIN_CONSOLE_ROUTES = { "/admin/users/**", "/admin/tokens/**", "/admin/settings/**",
            "/admin/audit/**", "/admin/senders/**", "/admin/contacts/*/erase" };

    @Bean
    PasswordEncoder passwordEncoder() {
        // Core's BootstrapAdmin stores plain BCrypt hashes; keep the same encoding.
        return new BCryptPasswordEncoder();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain webChain(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
            LoginThrottle throttle, UserService accounts) throws Exception {
        // The only way to sign in, with no parent manager: a throttled try must not fall
        // through to another provider.
        http.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(users, encoder, throttle)))
            .addFilterAfter(new LiveAccountFilter(accounts), SecurityContextHolderFilter.class)
            .authorizeHttpRequests(
                    auth -> auth.requestMatchers("/admin/login", "/admin/assets/**", "/webjars/**", "/error")
                        .permitAll()
                        .requestMatchers(ADMIN_CONSOLE_ROUTES)
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
            .formLogin(form -> form.loginPage("/admin/login")
                .loginProcessingUrl("/admin/login")
                .defaultSuccessUrl("/admin", false)
                .failureUrl("/admin/login?error")
                .permitAll())
            .logout(logout -> logout.logoutUrl("/admin/logout")
                .logoutSuccessUrl("/admin/login?logout")
                .deleteCookies("JSESSIONID"))
            .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new AntPathRequestMatcher("/admin/**"),
                        new StaticHeadersWriter("Content-Security-Policy", CONSOLE_CSP))));
        return http.build();
    }

    /**
     * HttpOnly always; Secure whenever LUX is reached over https (lux.public-base-url),
     * i.e. behind TLS.
     */
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
