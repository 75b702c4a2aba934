package lux.inbound;

/** The campaign recipient an inbound message is about. */
record RecipientRow(long id, long campaignId, String campaignName, String email) {
}
