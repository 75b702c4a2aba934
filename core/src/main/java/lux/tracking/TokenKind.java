package lux.tracking;

/**
 * What a tracking token opens; part of the signed payload, so an open token can never
 * unsubscribe.
 */
public enum TokenKind {

    OPEN, CLICK, UNSUBSCRIBE

}
