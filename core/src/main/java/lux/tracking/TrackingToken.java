package lux.tracking;

/**
 * The verified content of a token: whose mail it came from and, for clicks, which stored
 * link.
 */
public record TrackingToken(TokenKind kind, long campaignId, long recipientId, long linkId) {
}
