package lux.contacts;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which contacts a bulk operation or export touches: tags (any/all/excluded), a status,
 * attributes that must equal the given values, and a creation time. Every part left null
 * or empty matches everything.
 */
public record ContactFilter(AudienceFilter tags, ContactStatus status, Map<String, String> attributes,
        Instant createdSince) {
    public ContactFilter {
        tags = tags == null ? AudienceFilter.everyone() : tags;
        TreeMap<String, String> names = new TreeMap<>();
        if (attributes != null) {
            attributes.forEach((k, v) -> names.put(ContactService.attributeName(k), v == null ? "" : v.strip()));
        }
        attributes = Map.copyOf(names);
    }

    public static ContactFilter everyone() {
        return new ContactFilter(null, null, null, null);
    }

    public static ContactFilter tagged(String... anyOf) {
        return new ContactFilter(AudienceFilter.anyOf(anyOf), null, null, null);
    }

    /** A human sentence, for confirmations and the audit log. */
    public String describe() {
        StringBuilder text = new StringBuilder(
                tags.anyOf().isEmpty() && tags.allOf().isEmpty() && tags.excluded().isEmpty() ? "all contacts"
                        : tags.describe().replace("active contacts", "contacts"));
        if (status != null) {
            text.append(" with status ").append(status);
        }
        new TreeMap<>(attributes)
            .forEach((k, v) -> text.append(" where ").append(k).append(" is \"").append(v).append('"'));
        if (createdSince != null) {
            text.append(" created since ").append(createdSince);
        }
        return text.toString();
    }
}
