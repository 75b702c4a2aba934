package lux.journeys;

import java.time.Instant;
import java.util.List;

/**
 * Where a contact goes after a step of its version: the next number (or a branch's
 * target), due at once unless a wait says later; past the last step, or after an end, the
 * journey is done.
 */
record Next(List<JourneyStore.StoredStep> steps, Instant now) {

    Transition after(ClaimedEnrolment e, JourneyStore.StoredStep step, String outcome, Long recipientId,
            String detail) {
        return to(e, step, step.position() + 1, now, outcome, recipientId, detail);
    }

    Transition to(ClaimedEnrolment e, JourneyStore.StoredStep step, int position, Instant due, String outcome,
            Long recipientId, String detail) {
        boolean done = step.step() instanceof JourneyStep.End || position < 0 || position >= steps.size();
        return new Transition(e, done ? "DONE" : "WAITING", done ? step.position() : position, done ? null : due, 0,
                step.id(), outcome, recipientId, detail);
    }

}
