package lux.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import lux.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * What a console password must be: at least {@link #MIN_LENGTH} characters and not one of
 * the passwords in public breach lists (a bundled list, see
 * resources/lux/users/README.md), nor the account's own address.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 72; // BCrypt ignores everything after 72 bytes

    private static final String LIST = "/lux/users/breached-passwords.txt";

    private volatile Set<String> breached;

    /**
     * Throws a readable {@link InvalidInputException} on field {@code password} unless
     * the password may be used.
     */
    public void check(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidInputException("password", "The password must have at least " + MIN_LENGTH
                    + " characters; a few unrelated words make a good one.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw new InvalidInputException("password", "The password may have at most " + MAX_LENGTH
                    + " bytes (letters outside ASCII count as two or more).");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null && lower.contains(email.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("password", "The password must not contain the account's email address.");
        }
        if (breached().contains(lower)) {
            throw new InvalidInputException("password", "That password appears in lists of breached passwords that "
                    + "attackers try first; choose another.");
        }
    }

    private Set<String> breached() {
        Set<String> set = breached;
        if (set == null) {
            set = load();
            breached = set;
        }
        return set;
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the build");
            }
            Set<String> set = new HashSet<>(64_000);
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                .forEach(line -> set.add(line.toLowerCase(Locale.ROOT)));
            return Set.copyOf(set);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
