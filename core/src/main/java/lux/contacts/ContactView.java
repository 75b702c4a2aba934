package lux.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A contact as callers outside this package see it. */
public record ContactView(long id, String email, String firstName, String lastName, String company,
        Map<String, String> attributes, ContactStatus status, List<String> tags, String consentSource,
        Instant consentAt, Instant createdAt, Instant updatedAt) {
    static ContactView of(Contact c) {
        return new ContactView(c.getId(), c.getEmail(), c.getFirstName(), c.getLastName(), c.getCompany(),
                c.getAttributes(), c.getStatus(), c.tagNames(), c.getConsentSource(), c.getConsentAt(),
                c.getCreatedAt(), c.getUpdatedAt());
    }

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }
}
