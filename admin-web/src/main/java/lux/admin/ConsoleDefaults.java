package lux.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Console defaults at lowest precedence: SameSite session cookie, CSV uploads up to 100 MB, OpenAPI at /api/v1/openapi.json. */
public class ConsoleDefaults implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.servlet.session.cookie.same-site", "lax");
        defaults.put("server.servlet.session.cookie.http-only", "true");
        defaults.put("server.servlet.session.timeout", "8h");
        defaults.put("spring.servlet.multipart.max-file-size", "100MB");
        defaults.put("spring.servlet.multipart.max-request-size", "100MB");
        defaults.put("springdoc.api-docs.path", "/api/v1/openapi.json");
        defaults.put("springdoc.paths-to-match", "/api/v1/**");
        defaults.put("springdoc.packages-to-scan", "lux.api");
        defaults.put("spring.thymeleaf.prefix", "classpath:/templates/");
        environment.getPropertySources().addLast(new MapPropertySource("luxConsoleDefaults", defaults));
    }
}
