package lux.contacts;

import java.util.Map;
import java.util.Set;

/**
 * A contact to create; {@code consentSource} says where the address came from (form,
 * import file, person).
 */
public record NewContact(String email, String firstName, String lastName, String company,
        Map<String, String> attributes, Set<String> tags, String consentSource) {
    public NewContact {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    public static NewContact of(String email) {
        return new NewContact(email, null, null, null, Map.of(), Set.of(), null);
    }
}
