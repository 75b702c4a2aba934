package lux.users;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lux.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesShortBreachedOverlongAndOwnAddressPasswords() {
        assertThatThrownBy(() -> policy.check("Tr0ub4dor&3", "ada@lux.test")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("at least 12 characters");
        // From the bundled breach list, in any case: attackers try these first.
        for (String breached : new String[] { "qwertyuiop123", "1qaz2wsx3edc", "QWERTYUIOP123", "123456789012" }) {
            assertThatThrownBy(() -> policy.check(breached, "ada@lux.test")).as(breached)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("breached passwords");
        }
        assertThatThrownBy(() -> policy.check("my address is ADA@lux.test", "ada@lux.test"))
            .hasMessageContaining("email address");
        assertThatThrownBy(() -> policy.check("x".repeat(73), "ada@lux.test")).hasMessageContaining("at most 72 bytes");
    }

    @Test
    void acceptsALongUnlistedPassPhrase() {
        assertThatCode(() -> policy.check("correct horse battery", "ada@lux.test")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("violet lantern over the harbour", "ada@lux.test"))
            .doesNotThrowAnyException();
    }

}
