package lux.journeys;

import java.time.Instant;

/**
 * What running a claimed enrolment's step led to: where it goes next (or DONE), and the
 * step's record.
 *
 * @param status WAITING (due at {@code nextRunAt}) or DONE
 * @param stepId the step that ran, null when nothing ran (handed back untouched)
 * @param outcome the step's outcome (SENT, DONE, YES, ...)
 * @param recipientId the mail a send step's row points at; becomes the enrolment's
 * "previous mail"
 * @param alsoRan a step that ran in the same write right after this one (a plain wait
 * after a send), or null
 */
record Transition(ClaimedEnrolment enrolment, String status, int position, Instant nextRunAt, int attempts, Long stepId,
        String outcome, Long recipientId, String detail, Ran alsoRan) {

    /** A step's run record. */
    record Ran(long stepId, String outcome, String detail) {
    }

    Transition(ClaimedEnrolment enrolment, String status, int position, Instant nextRunAt, int attempts, Long stepId,
            String outcome, Long recipientId, String detail) {
        this(enrolment, status, position, nextRunAt, attempts, stepId, outcome, recipientId, detail, null);
    }

    static Transition handBack(ClaimedEnrolment e, Instant at, int attempts) {
        return new Transition(e, "WAITING", e.position(), at, attempts, null, null, null, null);
    }

    boolean ran() {
        return stepId != null;
    }

}
