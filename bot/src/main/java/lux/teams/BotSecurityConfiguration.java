package lux.teams;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The bot's own security chain. Bot Framework activities carry a JWT the Bot Framework
 * adapter checks itself (BotController), and chart images are addressed by unguessable
 * ids, so neither needs a session or a CSRF token. Other methods on these paths are not
 * matched and fall through to the console's chain.
 */
@Configuration(proxyBeanMethods = false)
class BotSecurityConfiguration {

    @Bean
    @Order(20)
    SecurityFilterChain botChain(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(AntPathRequestMatcher.antMatcher(HttpMethod.POST, "/api/messages"),
                AntPathRequestMatcher.antMatcher(HttpMethod.GET, "/charts/**")))
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable())
            .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

}
