package lux.imports;

/**
 * What an import does with an address that is already a contact. Neither mode ever
 * changes a contact's status.
 */
public enum ImportMode {

    /** Existing contacts are left exactly as they are and counted as skipped. */
    ADD_NEW_ONLY,
    /**
     * Existing contacts get the file's non-empty names, company and attributes, and the
     * import's tags.
     */
    UPDATE_EXISTING

}
