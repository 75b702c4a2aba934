package lux.tracking;

/** Whom an unsubscribe link belongs to, for the confirmation page. */
public record UnsubscribeTarget(long recipientId, String email, String campaignName, boolean alreadyUnsubscribed) {
}
