package lux.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import lux.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class ContactLinesTest {

    @Test
    void readsANameBeforeAnAddressInAngleBracketsAndACompanyAfter() {
        NewContact ana = ContactLines.parse("Ana Lopez <Ana@Example.com>, Acme");

        assertThat(ana).isEqualTo(new NewContact("ana@example.com", "Ana", "Lopez", "Acme", Map.of(), null, null));
    }

    @Test
    void readsTheAddressFirstThenNameCompanyAndAttributes() {
        assertThat(ContactLines.parse("ana@example.com, Ana Lopez, company Acme"))
            .isEqualTo(new NewContact("ana@example.com", "Ana", "Lopez", "Acme", Map.of(), null, null));
        assertThat(ContactLines
            .parse("\"Ana Maria de la Cruz\" <ana@example.com>; company: Acme GmbH; City = Berlin; plan: gold"))
            .isEqualTo(new NewContact("ana@example.com", "Ana", "Maria de la Cruz", "Acme GmbH",
                    Map.of("city", "Berlin", "plan", "gold"), null, null));
        assertThat(ContactLines.parse("  ben@example.org  ")).isEqualTo(NewContact.of("ben@example.org"));
    }

    @Test
    void refusesLinesItCannotReadWithTheLineAndWhy() {
        assertThatThrownBy(() -> ContactLines.parse("Ana Lopez, Acme")).isInstanceOf(InvalidInputException.class)
            .hasMessage("\"Ana Lopez, Acme\" has no email address.");
        assertThatThrownBy(() -> ContactLines.parse("ana@example.com, Ana, Acme, Berlin"))
            .hasMessageContaining("cannot tell what \"Berlin\" is");
        assertThatThrownBy(() -> ContactLines.parse("not an address <nobody>"))
            .hasMessageContaining("has no email address");
        assertThatThrownBy(() -> ContactLines.parse("ana@@example.com"))
            .hasMessageContaining("not a valid email address");
    }

    @Test
    void boundsHostileInput() {
        assertThatThrownBy(() -> ContactLines.parse("a".repeat(1001) + "@example.com"))
            .hasMessageContaining("longer than 1000 characters");
        assertThatThrownBy(() -> ContactLines.parse("ana@example.com, Ana\u0000Lopez"))
            .hasMessageContaining("control characters");
        assertThatThrownBy(() -> ContactLines.parse("<script>x</script> <ana@example.com>"))
            .hasMessageContaining("cannot contain < > { }");
        assertThatThrownBy(() -> ContactLines.parse("ana@example.com, {{ contact.email }}"))
            .hasMessageContaining("cannot contain");
        assertThatThrownBy(() -> ContactLines.parse("ana@example.com" + ", x=1".repeat(12)))
            .hasMessageContaining("more than 12 parts");
        assertThatThrownBy(() -> ContactLines.parse("ana@example.com, Ana, Acme, 1bad = x"))
            .hasMessageContaining("cannot tell what");
        assertThatThrownBy(() -> ContactLines.lines(Collections.nCopies(501, "a@example.com")))
            .hasMessageContaining("more than 500");
        assertThatThrownBy(() -> ContactLines.lines(List.of(" ", "")))
            .hasMessageContaining("Give at least one contact");
    }

    @Test
    void splitsPastedBlocksIntoLines() {
        assertThat(
                ContactLines.lines(List.of("Ana Lopez <ana@example.com>, Acme\nben@example.org\n\n", "cy@example.net")))
            .containsExactly("Ana Lopez <ana@example.com>, Acme", "ben@example.org", "cy@example.net");
    }

}
