package lux.delivery;

/**
 * A recipient row a worker has claimed (status SENDING, with its claim token): the
 * outcome is written only while the row still carries that token, so a late worker never
 * overwrites the outcome of a newer claim.
 */
record ClaimedRecipient(long id, long campaignId, Long contactId, String email, int attempts, String claimToken) {
    String luxMessageId() {
        return "lux-c" + campaignId + "-r" + id;
    }
}
