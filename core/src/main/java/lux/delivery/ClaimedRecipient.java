package lux.delivery;

/** A recipient row a worker has claimed (status SENDING, with its claim token). */
record ClaimedRecipient(long id, long campaignId, Long contactId, String email, int attempts) {
    String luxMessageId() {
        return "lux-c" + campaignId + "-r" + id;
    }
}
