package lux.users;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin: {@code lux.admin.bootstrap-email} and
 * {@code lux.admin.bootstrap-password}. Without a password a one-time password is
 * generated and printed once, at the first start only.
 */
@ConfigurationProperties("lux.admin")
public record BootstrapProperties(String bootstrapEmail, String bootstrapPassword) {
    static final String DEFAULT_EMAIL = "admin@lux.local";

    String email() {
        return bootstrapEmail == null || bootstrapEmail.isBlank() ? DEFAULT_EMAIL : bootstrapEmail;
    }
}
