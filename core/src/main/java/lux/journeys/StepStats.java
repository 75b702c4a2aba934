package lux.journeys;

/**
 * One step's numbers: contacts that reached it, mails sent (and of those opened and
 * clicked by people), contacts waiting at it now, and contacts whose journey ended there.
 */
public record StepStats(int position, String step, long entered, long sent, long opened, long clicked, long waiting,
        long finished) {
}
