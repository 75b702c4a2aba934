package lux.imports;

/**
 * Life of an import job: QUEUED -> RUNNING -> FINISHED, FAILED (file refused or stopped)
 * or CANCELLED.
 */
public enum ImportStatus {

    QUEUED, RUNNING, FINISHED, FAILED, CANCELLED;

    public boolean done() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }

}
