package lux.journeys;

/**
 * One step's numbers: contacts that reached it, mails sent (and of those opened and
 * clicked by people), contacts waiting at it now, contacts whose journey ended there, and
 * for a branch how many took its yes and its no way.
 */
public record StepStats(int position, String step, long entered, long sent, long opened, long clicked, long waiting,
        long finished, long yes, long no) {
}
