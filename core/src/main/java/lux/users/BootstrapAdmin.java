package lux.users;

import java.security.SecureRandom;
import java.util.Base64;
import lux.audit.Actor;
import lux.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin when there is none. There is no self sign-up: every other user
 * is created by an admin. A generated password is written to standard output once, never
 * to the log, and never stored in clear.
 */
@Component
@EnableConfigurationProperties(BootstrapProperties.class)
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserService users;

    private final BootstrapProperties properties;

    private final PasswordPolicy policy;

    BootstrapAdmin(UserService users, BootstrapProperties properties, PasswordPolicy policy) {
        this.users = users;
        this.properties = properties;
        this.policy = policy;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyAdmin()) {
            return;
        }
        boolean generated = properties.bootstrapPassword() == null || properties.bootstrapPassword().isBlank();
        String password = generated ? oneTimePassword() : properties.bootstrapPassword();
        if (!generated) {
            try {
                policy.check(password, properties.email());
            }
            catch (InvalidInputException e) {
                throw new IllegalStateException("lux.admin.bootstrap-password is not accepted: " + e.getMessage()
                        + " Set another, or leave it empty to have a one-time password printed.");
            }
        }
        User admin = users.create(
                new NewUser(properties.email(), "LUX admin", new BCryptPasswordEncoder().encode(password), Role.ADMIN),
                Actor.system());
        log.info("Created the first admin {}", admin.getEmail());
        if (generated) {
            System.out.println("""

                    ================================================================
                     LUX first start: admin %s, one-time password %s
                     Sign in at /admin/login and change it. It is not shown again.
                    ================================================================
                    """.formatted(admin.getEmail(), password));
        }
    }

    private static String oneTimePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
