package lux.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @Test
    void normalisesCaseAndWhitespace() {
        assertThat(EmailAddress.normalise("  Ada.Lovelace+news@Example.COM "))
            .isEqualTo("ada.lovelace+news@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = { "plainaddress", "@example.com", "a@b", "a@@b.com", "a b@c.com", "a@-b.com", "a..b@c.com",
            ".a@b.com", "a@b.c_m" })
    void rejectsInvalidAddresses(String raw) {
        assertThatThrownBy(() -> EmailAddress.normalise(raw)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("is not a valid email address");
    }

    @Test
    void rejectsOverlongLocalPart() {
        assertThat(EmailAddress.isValid("a".repeat(65) + "@example.com")).isFalse();
        assertThat(EmailAddress.isValid("a".repeat(64) + "@example.com")).isTrue();
    }

}
