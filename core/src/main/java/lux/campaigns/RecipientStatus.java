package lux.campaigns;

/**
 * PENDING waits to be claimed; SENDING is claimed by a worker; SENT, FAILED and SKIPPED
 * are final.
 */
public enum RecipientStatus {

    PENDING, SENDING, SENT, FAILED, SKIPPED;

    public boolean isFinal() {
        return this == SENT || this == FAILED || this == SKIPPED;
    }

}
