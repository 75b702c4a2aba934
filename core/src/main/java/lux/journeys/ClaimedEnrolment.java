package lux.journeys;

/**
 * An enrolment a worker has claimed to run its current step, under {@code claimToken}.
 */
record ClaimedEnrolment(long id, long journeyId, int version, long contactId, int position, Long lastRecipientId,
        int attempts, String claimToken) {
}
