package lux.suppression;

/**
 * ADDRESS_HASH holds SHA-256 of an erased address, so it stays unmailable without being
 * stored.
 */
public enum SuppressionKind {

    ADDRESS, DOMAIN, ADDRESS_HASH

}
