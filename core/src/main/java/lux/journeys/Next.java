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

    /**
     * After a send step: a plain wait that follows begins at once, in the same write. It
     * would begin the moment the send was done anyway; running it here saves every
     * contact a claim and a write of its own (a third of a send-wait-send journey's
     * work).
     */
    Transition afterSend(ClaimedEnrolment e, JourneyStore.StoredStep send, String outcome, Long recipientId,
            String detail) {
        int following = send.position() + 1;
        if (following < steps.size() && steps.get(following).step() instanceof JourneyStep.Wait w) {
            JourneyStore.StoredStep wait = steps.get(following);
            Instant until = WaitRule.after(now, w.duration());
            Transition waited = to(e, wait, wait.position() + 1, until, "DONE", null, null);
            return new Transition(e, waited.status(), waited.position(), waited.nextRunAt(), 0, send.id(), outcome,
                    recipientId, detail, new Transition.Ran(wait.id(), "DONE", "waited until " + until));
        }
        return after(e, send, outcome, recipientId, detail);
    }

    Transition to(ClaimedEnrolment e, JourneyStore.StoredStep step, int position, Instant due, String outcome,
            Long recipientId, String detail) {
        boolean done = step.step() instanceof JourneyStep.End || position < 0 || position >= steps.size();
        return new Transition(e, done ? "DONE" : "WAITING", done ? step.position() : position, done ? null : due, 0,
                step.id(), outcome, recipientId, detail);
    }

}
