package lux.launch;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health is open to load balancers and orchestrators (components, no details); every
 * other actuator endpoint stays behind the console's sign-in, whose chain takes what no
 * module claimed.
 */
@Configuration(proxyBeanMethods = false)
class HealthSecurityConfiguration {

    @Bean
    @Order(40)
    SecurityFilterChain healthChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/health", "/actuator/health/**")
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable());
        return http.build();
    }

}
