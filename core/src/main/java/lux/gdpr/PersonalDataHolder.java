package lux.gdpr;

/**
 * A feature outside core's contact tables that stores personal data by address (an outbox
 * of rendered mails, say). Implement it as a bean and GDPR export and erasure include it,
 * inside the same transaction.
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

}
