package lux.preferences;

/**
 * What an erasure confirmation link leads to.
 *
 * @param email the address to be erased (pages show it masked); null unless {@code VALID}
 * @param language the page language
 */
public record ErasureLink(Status status, String email, String language) {
    public enum Status {

        /** Genuine, in time, and the contact is still there. */
        VALID,
        /** Genuine but past its time. */
        EXPIRED,
        /** Forged, altered, or the data is erased already. */
        INVALID

    }

    static ErasureLink invalid() {
        return new ErasureLink(Status.INVALID, null, "en");
    }
}
