package lux.gdpr;

/**
 * A feature that stores personal data by address (contacts, campaign recipients, an
 * outbox of rendered mails...). Implement it as a bean in the module that owns the data
 * and GDPR export and erasure include it, inside the same transaction. Erasure runs the
 * holders in their {@code @Order}: core's own come first ({@link CoreSections}), so data
 * found through the contact goes before the contact does.
 */
public interface PersonalDataHolder {

    /** The section name in the export, e.g. "outbox". */
    String name();

    /**
     * What is held about this normalised address, as JSON-serialisable values (null or
     * empty when nothing).
     */
    Object export(String email);

    /** Deletes or anonymises what is held; returns how many records were touched. */
    int erase(String email);

    /**
     * The name an erasure reports its count under (the table, say); the section's by
     * default.
     */
    default String erasedAs() {
        return name();
    }

}
