package lux.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Web defaults at lowest precedence: forwarded headers trusted only from internal
 * proxies, SameSite session cookie, CSV uploads up to 100 MB, OpenAPI at
 * /api/v1/openapi.json, and a web server of 8 threads per core (at least 16) instead of
 * Tomcat's 200. Every request LUX serves is short CPU work (bot turns wait on their own
 * pool, lux.teams.turn-threads), so more threads only queue for the cores: on 2 cores, 16
 * threads answered as many tracking hits as 200, with a p99 of 18 ms instead of 21-22 ms
 * (docs/benchmarks.md "Tracking").
 */
public class ConsoleDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        // X-Forwarded-* only from the proxies in server.tomcat.remoteip.internal-proxies
        // (Tomcat's default: private and
        // loopback addresses); from anyone else they are ignored, so a client cannot
        // choose its own address.
        defaults.put("server.forward-headers-strategy", "native");
        defaults.put("server.servlet.session.cookie.same-site", "lax");
        defaults.put("server.servlet.session.cookie.http-only", "true");
        defaults.put("server.servlet.session.timeout", "8h");
        defaults.put("spring.servlet.multipart.max-file-size", "100MB");
        defaults.put("spring.servlet.multipart.max-request-size", "100MB");
        defaults.put("springdoc.api-docs.path", "/api/v1/openapi.json");
        defaults.put("springdoc.paths-to-match", "/api/v1/**");
        defaults.put("springdoc.packages-to-scan", "lux.api");
        defaults.put("spring.thymeleaf.prefix", "classpath:/templates/");
        defaults.put("server.tomcat.threads.max",
                String.valueOf(webThreads(Runtime.getRuntime().availableProcessors())));
        environment.getPropertySources().addLast(new MapPropertySource("luxConsoleDefaults", defaults));
    }

    static int webThreads(int cores) {
        return Math.max(16, 8 * cores);
    }

}
