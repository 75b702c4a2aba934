package lux.journeys;

/**
 * An enrolment a worker has claimed to run its current step, under {@code claimToken}.
 *
 * @param begun whether the claim itself began the enrolment's send step (PostgreSQL
 * writes the step's recipient rows in the claiming statement); false when the step is no
 * send or the send step begins on its own
 * @param recipientId the recipient row the claim wrote for the send step, null when the
 * contact may not be mailed now (or {@code begun} is false)
 * @param email the address of that recipient row
 */
record ClaimedEnrolment(long id, long journeyId, int version, long contactId, int position, Long lastRecipientId,
        int attempts, String claimToken, boolean begun, Long recipientId, String email) {

    ClaimedEnrolment(long id, long journeyId, int version, long contactId, int position, Long lastRecipientId,
            int attempts, String claimToken) {
        this(id, journeyId, version, contactId, position, lastRecipientId, attempts, claimToken, false, null, null);
    }

}
