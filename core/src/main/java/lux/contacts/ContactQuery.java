package lux.contacts;

/**
 * Search: free text over email and names, an audience filter over tags, and an optional
 * status.
 */
public record ContactQuery(String text, AudienceFilter tags, ContactStatus status) {
    public ContactQuery {
        tags = tags == null ? AudienceFilter.everyone() : tags;
        text = text == null || text.isBlank() ? null : text.trim();
    }

    public static ContactQuery all() {
        return new ContactQuery(null, null, null);
    }
}
